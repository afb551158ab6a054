//! When two profile names belong to the same person.

/// A name reduced to what tells people apart: case and spacing are not part of it
/// ("Ana  Lopez", " ana lopez" and "ANA LOPEZ" are one person).
pub fn person_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Whether two profile names are the same person's.
pub fn same_person(a: &str, b: &str) -> bool {
    person_key(a) == person_key(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_spacing_do_not_make_a_new_person() {
        assert!(same_person("Ana Lopez", "ana  lopez"));
        assert!(same_person(" ANA\tLOPEZ ", "Ana Lopez"));
        assert!(same_person("Élodie", "éLODIE"));
        assert!(!same_person("Ana Lopez", "Ana Lopes"));
        assert!(!same_person("AnaLopez", "Ana Lopez"), "a space between words is part of the name");
    }
}
