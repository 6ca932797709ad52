//! Which values of a document the parser builds into the tree. Every byte is still checked
//! (the document must be valid JSON, repeated keys are found everywhere); a value the shape
//! skips costs no allocation and is kept as its span alone, with [`Value::Skipped`].
//!
//! A kind of file whose rules read a small part of large files (a dashboard is mostly widget
//! queries and layouts that no rule looks at) names that part with a shape in its row of the
//! kinds table; every other kind is parsed whole.
//!
//! [`Value::Skipped`]: super::Value::Skipped

/// What of a value is built.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// The whole value.
    All,
    /// Nothing: the value is checked and its span kept.
    Skip,
    /// An object: every key is kept, the value of each named member takes its shape, and
    /// every other member's value is skipped. A value that is not an object is built as it is,
    /// with whatever it holds skipped.
    Object(&'static [(&'static str, &'static Shape)]),
    /// An array whose every element takes this shape. A value that is not an array is built as
    /// it is, with whatever it holds skipped.
    Array(&'static Shape),
}

impl Shape {
    /// The shape of the value of member `key` of an object of this shape.
    pub(crate) fn member(&'static self, key: &str) -> &'static Shape {
        match self {
            Shape::All => &Shape::All,
            Shape::Object(fields) => fields
                .iter()
                .find(|(name, _)| *name == key)
                .map_or(&Shape::Skip, |(_, shape)| *shape),
            Shape::Skip | Shape::Array(_) => &Shape::Skip,
        }
    }

    /// The shape of the elements of an array of this shape.
    pub(crate) fn element(&'static self) -> &'static Shape {
        match self {
            Shape::All => &Shape::All,
            Shape::Array(element) => element,
            Shape::Skip | Shape::Object(_) => &Shape::Skip,
        }
    }

    /// Whether a value of this shape is only checked, not built.
    pub(crate) fn skips(&self) -> bool {
        matches!(self, Shape::Skip)
    }
}
