//! Writers over the document model. Each takes a [`crate::model::Document`] and returns
//! bytes; none of them sees the deal, the library or any markup from a user.

pub mod docx;
pub mod markdown;
pub mod typst;
