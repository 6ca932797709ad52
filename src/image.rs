//! The pixel size of a PNG or JPEG image, read from its first bytes: the PNG `IHDR` chunk
//! (PNG specification, section 11.2.2) or the JPEG start-of-frame segment (ITU T.81, B.2.2).

/// An image's width and height in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Size {
    pub(crate) width: u32,
    pub(crate) height: u32,
}

/// The size in a PNG or JPEG header, whatever the file's name says; `None` for another format,
/// a header cut short, or a size of zero.
pub(crate) fn size(header: &[u8]) -> Option<Size> {
    let size = png(header).or_else(|| jpeg(header))?;
    (size.width > 0 && size.height > 0).then_some(size)
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The signature, then the first chunk, `IHDR`: length, type, width, height (big-endian).
fn png(header: &[u8]) -> Option<Size> {
    let rest = header.strip_prefix(PNG_SIGNATURE)?;
    if rest.get(4..8)? != b"IHDR" {
        return None;
    }
    Some(Size {
        width: u32_at(rest, 8)?,
        height: u32_at(rest, 12)?,
    })
}

/// Start of image, then segments `FF xx` with a 2-byte length, up to a start-of-frame marker
/// (`C0`-`CF` but `C4` DHT, `C8` JPG and `CC` DAC), whose data is precision, height, width.
fn jpeg(header: &[u8]) -> Option<Size> {
    let mut at = 2;
    if header.get(..at)? != [0xFF, 0xD8] {
        return None;
    }
    loop {
        if *header.get(at)? != 0xFF {
            return None;
        }
        let marker = *header.get(at + 1)?;
        match marker {
            // Fill bytes, and markers without a length.
            0xFF => at += 1,
            0x01 | 0xD0..=0xD7 => at += 2,
            // Start of scan or end of image before any frame: no size.
            0xD9 | 0xDA => return None,
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                return Some(Size {
                    height: u32::from(u16_at(header, at + 5)?),
                    width: u32::from(u16_at(header, at + 7)?),
                });
            }
            _ => at += 2 + usize::from(u16_at(header, at + 2)?),
        }
    }
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    let pair: [u8; 2] = bytes.get(at..at + 2)?.try_into().ok()?;
    Some(u16::from_be_bytes(pair))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let quad: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
    Some(u32::from_be_bytes(quad))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = PNG_SIGNATURE.to_vec();
        bytes.extend(13u32.to_be_bytes());
        bytes.extend(b"IHDR");
        bytes.extend(width.to_be_bytes());
        bytes.extend(height.to_be_bytes());
        bytes.extend([8, 6, 0, 0, 0]);
        bytes
    }

    /// A JPEG start, an APP0 and an APP1 segment (`filler` bytes), a DQT, then a baseline or
    /// progressive frame header.
    fn jpeg_header(width: u16, height: u16, filler: usize, frame: u8) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
        bytes.extend(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        bytes.extend([0xFF, 0xE1]);
        bytes.extend(u16::try_from(filler + 2).unwrap_or(u16::MAX).to_be_bytes());
        bytes.extend(std::iter::repeat_n(0x45, filler));
        bytes.extend([0xFF, 0xFF, 0xDB, 0x00, 0x03, 0x00]);
        bytes.extend([0xFF, frame, 0x00, 0x11, 0x08]);
        bytes.extend(height.to_be_bytes());
        bytes.extend(width.to_be_bytes());
        bytes.extend([0x03, 0x01, 0x22, 0x00]);
        bytes
    }

    #[test]
    fn png_sizes_come_from_ihdr() {
        let size = size(&png_header(1920, 1080));
        assert_eq!(
            size,
            Some(Size {
                width: 1920,
                height: 1080
            })
        );
    }

    #[test]
    fn jpeg_sizes_come_from_the_frame_after_metadata_segments() {
        for frame in [0xC0, 0xC2] {
            let header = jpeg_header(1440, 811, 30_000, frame);
            let expected = Size {
                width: 1440,
                height: 811,
            };
            assert_eq!(size(&header), Some(expected), "{frame:02X}");
        }
    }

    #[test]
    fn other_formats_cut_headers_and_empty_files_have_no_size() {
        assert_eq!(size(b""), None);
        assert_eq!(size(b"GIF89a\x80\x07\x38\x04"), None);
        assert_eq!(size(&png_header(1920, 1080)[..20]), None);
        let jpeg = jpeg_header(1920, 1080, 100, 0xC0);
        assert_eq!(size(&jpeg[..jpeg.len() - 6]), None);
        assert_eq!(size(&png_header(0, 1080)), None);
        // A scan before any frame, and a DHT segment (C4) is no frame.
        assert_eq!(size(&[0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02]), None);
        let dht = [
            0xFF, 0xD8, 0xFF, 0xC4, 0x00, 0x07, 0, 0x07, 0x80, 0x04, 0x38,
        ];
        assert_eq!(size(&dht), None);
    }
}
