//! When two profile names mean the same person. People retype their name with a
//! different capital or an extra space; that must find their profile, not start a
//! twin with an empty history.

/// A name as it is kept: no space at either end, one space between words.
pub fn tidy_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What two names of the same person share: the tidied name, case-folded.
/// Upper-casing first folds the letters `to_lowercase` alone keeps apart
/// (`ß` and `SS`, final `ς` and `σ`).
pub fn person_key(name: &str) -> String {
    tidy_name(name).to_uppercase().to_lowercase()
}

/// Whether `a` and `b` differ only in case or spacing.
pub fn same_person(a: &str, b: &str) -> bool {
    person_key(a) == person_key(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_spacing_do_not_make_another_person() {
        assert!(same_person("Ana Lopez", "ana  lopez"));
        assert!(same_person("Ana Lopez", "  ANA LOPEZ "));
        assert!(same_person("Ana Lopez", "ana\tlopez"));
        assert!(same_person("Ana Lopez", "Ana Lopez"));
    }

    #[test]
    fn letters_make_another_person() {
        assert!(!same_person("Ana Lopez", "Ana López"), "an accent is part of the name");
        assert!(!same_person("Ana Lopez", "AnaLopez"), "a space between words is not nothing");
        assert!(!same_person("Ana Lopez", "Ana Lopez 2"));
        assert!(!same_person("Ana", "Anna"));
    }

    #[test]
    fn case_folds_beyond_ascii() {
        assert!(same_person("Jürgen Strauß", "JÜRGEN STRAUSS"));
        assert!(same_person("ΟΔΥΣΣΕΥΣ", "οδυσσευς"));
        assert!(same_person("Οδυσσεύς", "ΟΔΥΣΣΕΎΣ"), "final sigma");
        assert!(same_person("Émile", "éMILE"));
    }

    #[test]
    fn tidy_names_keep_one_space_between_words() {
        assert_eq!(tidy_name("  ana   lopez "), "ana lopez");
        assert_eq!(tidy_name("Ann"), "Ann");
        assert_eq!(tidy_name("   "), "");
        assert_eq!(person_key(" Ana  LOPEZ"), "ana lopez");
    }
}
