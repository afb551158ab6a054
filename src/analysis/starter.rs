//! The starter scenario `frontline new` writes: a small, commented file that uses
//! the main features of the format and passes `frontline check`.

const TEMPLATE: &str = include_str!("starter.ron");

/// Why an id cannot name a new scenario.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NewIdError {
    #[error("a scenario id cannot be empty")]
    Empty,
    #[error("id \"{0}\" must use only a-z, 0-9 and '-' (it is also the file name)")]
    Invalid(String),
    #[error("id \"{0}\" must start with a letter or a digit (a leading '-' reads as an option)")]
    LeadingDash(String),
    #[error("id \"{0}\" is longer than 64 characters")]
    TooLong(String),
}

/// Checks an id for a new scenario: the same rule as the validator's, plus a length
/// limit because the id is also a file name.
pub fn check_new_id(id: &str) -> Result<(), NewIdError> {
    if id.is_empty() {
        return Err(NewIdError::Empty);
    }
    if !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        return Err(NewIdError::Invalid(id.chars().filter(|c| !c.is_control()).collect()));
    }
    if id.starts_with('-') {
        return Err(NewIdError::LeadingDash(id.to_string()));
    }
    if id.len() > 64 {
        return Err(NewIdError::TooLong(id.to_string()));
    }
    Ok(())
}

/// The starter scenario's text with `id` filled in; `file` is how the file will be
/// named in the "run frontline check" hint.
pub fn starter_scenario(id: &str, file: &str) -> Result<String, NewIdError> {
    check_new_id(id)?;
    // The name goes into a comment: keep it on one line and free of hidden characters.
    let file: String =
        file.chars().filter(|&c| c != '\n' && c != '\r' && crate::scenario::forbidden_char(c).is_none()).collect();
    Ok(TEMPLATE.replace("__ID__", id).replace("__FILE__", &file))
}
