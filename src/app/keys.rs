//! Keys to actions. The mapping depends only on the key and on what kind of input
//! the screen is waiting for, so it is tested without a terminal.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What the player asked for, independent of the key that said it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Enter: start, choose, submit, continue.
    Select,
    /// Esc: leave the current screen or overlay.
    Back,
    /// `q`.
    Quit,
    /// A number key 1..=9: pick that reply.
    Pick(u8),
    /// `?` (F1 while typing): the help overlay.
    Help,
    /// `d`: the desk and the coach's note in full (conversation ⇄ desk view).
    Desk,
    /// `m`: practice ⇄ mentor mode.
    ToggleMode,
    /// `u`: undo the last reply (mentor mode).
    Rewind,
    /// `p`: the profiles (switch, create, rename, delete).
    SwitchProfile,
    /// `s`: the current profile's progress.
    Progress,
    /// `a` on the progress screen: every attempt of the profile (the history).
    History,
    /// `c` in the history: mark an attempt, then compare it with a second one.
    Compare,
    /// `n` in a list: add a new one.
    New,
    /// `r`: rename the selected one.
    Rename,
    /// `x` or Delete: delete the selected one (asks first).
    Delete,
    /// Tab, → or `l`: the next panel.
    NextTab,
    /// Shift-Tab, ← or `h`: the previous panel.
    PrevTab,
    /// `y` when a question is asked.
    Yes,
    /// `n` (or Esc) when a question is asked.
    No,
    /// A character typed into a text field.
    Input(char),
    /// Backspace in a text field.
    Erase,
    /// Ctrl-C: leave the game at once (an unfinished conversation is still saved).
    Interrupt,
}

/// What kind of input the current screen waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputMode {
    /// Lists, conversation, debrief: single-key commands.
    Navigate,
    /// A text field: letters are typed, not commands.
    Text,
    /// A yes/no question.
    Confirm,
}

/// The action a key press stands for in `mode`, if any.
pub fn action_for(key: KeyEvent, mode: InputMode) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl {
        return match key.code {
            KeyCode::Char('c' | 'C') => Some(Action::Interrupt),
            _ => None,
        };
    }
    if key.modifiers.contains(KeyModifiers::ALT) {
        return None;
    }
    match mode {
        InputMode::Text => text_action(key.code),
        InputMode::Confirm => confirm_action(key.code),
        InputMode::Navigate => navigate_action(key.code),
    }
}

fn text_action(code: KeyCode) -> Option<Action> {
    Some(match code {
        KeyCode::Enter => Action::Select,
        KeyCode::Esc => Action::Back,
        KeyCode::Backspace => Action::Erase,
        // `?` is a character here, so a name can hold one; F1 still opens the help.
        KeyCode::F(1) => Action::Help,
        KeyCode::Char(c) if !c.is_control() => Action::Input(c),
        _ => return None,
    })
}

fn confirm_action(code: KeyCode) -> Option<Action> {
    Some(match code {
        KeyCode::Char('y' | 'Y') => Action::Yes,
        KeyCode::Char('n' | 'N') | KeyCode::Esc => Action::No,
        KeyCode::F(1) | KeyCode::Char('?') => Action::Help,
        _ => return None,
    })
}

fn navigate_action(code: KeyCode) -> Option<Action> {
    Some(match code {
        KeyCode::Up | KeyCode::Char('k') => Action::Up,
        KeyCode::Down | KeyCode::Char('j') => Action::Down,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::PageDown | KeyCode::Char(' ') => Action::PageDown,
        KeyCode::Home | KeyCode::Char('g') => Action::Top,
        KeyCode::End | KeyCode::Char('G') => Action::Bottom,
        KeyCode::Enter => Action::Select,
        KeyCode::Esc => Action::Back,
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Char(c @ '1'..='9') => Action::Pick(c as u8 - b'0'),
        KeyCode::F(1) | KeyCode::Char('?') => Action::Help,
        KeyCode::Char('m') => Action::ToggleMode,
        KeyCode::Char('u') => Action::Rewind,
        KeyCode::Char('p') => Action::SwitchProfile,
        KeyCode::Char('d') => Action::Desk,
        KeyCode::Char('s') => Action::Progress,
        KeyCode::Char('a') => Action::History,
        KeyCode::Char('c') => Action::Compare,
        KeyCode::Char('n') => Action::New,
        KeyCode::Char('r') => Action::Rename,
        KeyCode::Char('x') | KeyCode::Delete => Action::Delete,
        KeyCode::Tab | KeyCode::Right | KeyCode::Char('l') => Action::NextTab,
        KeyCode::BackTab | KeyCode::Left | KeyCode::Char('h') => Action::PrevTab,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn number_keys_pick_replies_one_to_nine() {
        for n in 1..=9u8 {
            let c = char::from(b'0' + n);
            assert_eq!(action_for(key(KeyCode::Char(c)), InputMode::Navigate), Some(Action::Pick(n)));
        }
        assert_eq!(action_for(key(KeyCode::Char('0')), InputMode::Navigate), None);
    }

    #[test]
    fn arrows_and_vi_keys_move() {
        assert_eq!(action_for(key(KeyCode::Up), InputMode::Navigate), Some(Action::Up));
        assert_eq!(action_for(key(KeyCode::Char('k')), InputMode::Navigate), Some(Action::Up));
        assert_eq!(action_for(key(KeyCode::Down), InputMode::Navigate), Some(Action::Down));
        assert_eq!(action_for(key(KeyCode::Char('j')), InputMode::Navigate), Some(Action::Down));
    }

    #[test]
    fn letters_are_commands_when_navigating() {
        let cases = [
            ('q', Action::Quit),
            ('?', Action::Help),
            ('m', Action::ToggleMode),
            ('u', Action::Rewind),
            ('p', Action::SwitchProfile),
            ('d', Action::Desk),
            ('s', Action::Progress),
            ('a', Action::History),
            ('c', Action::Compare),
            ('n', Action::New),
            ('r', Action::Rename),
            ('x', Action::Delete),
            ('l', Action::NextTab),
            ('h', Action::PrevTab),
        ];
        for (c, action) in cases {
            assert_eq!(action_for(key(KeyCode::Char(c)), InputMode::Navigate), Some(action), "key {c}");
        }
        assert_eq!(action_for(key(KeyCode::Esc), InputMode::Navigate), Some(Action::Back));
        assert_eq!(action_for(key(KeyCode::Enter), InputMode::Navigate), Some(Action::Select));
    }

    #[test]
    fn tab_and_side_arrows_change_panels_and_delete_deletes() {
        let nav = |code| action_for(key(code), InputMode::Navigate);
        assert_eq!(nav(KeyCode::Tab), Some(Action::NextTab));
        assert_eq!(nav(KeyCode::Right), Some(Action::NextTab));
        assert_eq!(nav(KeyCode::BackTab), Some(Action::PrevTab));
        assert_eq!(nav(KeyCode::Left), Some(Action::PrevTab));
        assert_eq!(nav(KeyCode::Delete), Some(Action::Delete));
        assert_eq!(action_for(key(KeyCode::Delete), InputMode::Confirm), None, "a question takes y or n");
    }

    #[test]
    fn letters_are_typed_in_a_text_field() {
        for c in ['q', 'm', 'u', 'p', 'd', 's', 'a', 'c', 'n', 'r', 'x', 'h', 'l', '1', 'Q', ' ', 'é', '?'] {
            assert_eq!(action_for(key(KeyCode::Char(c)), InputMode::Text), Some(Action::Input(c)), "key {c}");
        }
        let shifted = KeyEvent::new(KeyCode::Char('S'), KeyModifiers::SHIFT);
        assert_eq!(action_for(shifted, InputMode::Text), Some(Action::Input('S')));
        assert_eq!(action_for(key(KeyCode::Backspace), InputMode::Text), Some(Action::Erase));
        assert_eq!(action_for(key(KeyCode::Enter), InputMode::Text), Some(Action::Select));
        assert_eq!(action_for(key(KeyCode::Esc), InputMode::Text), Some(Action::Back));
    }

    #[test]
    fn f1_opens_the_help_in_every_mode() {
        for mode in [InputMode::Navigate, InputMode::Text, InputMode::Confirm] {
            assert_eq!(action_for(key(KeyCode::F(1)), mode), Some(Action::Help), "{mode:?}");
        }
    }

    #[test]
    fn a_question_takes_y_or_n_and_esc_means_no() {
        assert_eq!(action_for(key(KeyCode::Char('y')), InputMode::Confirm), Some(Action::Yes));
        assert_eq!(action_for(key(KeyCode::Char('Y')), InputMode::Confirm), Some(Action::Yes));
        assert_eq!(action_for(key(KeyCode::Char('n')), InputMode::Confirm), Some(Action::No));
        assert_eq!(action_for(key(KeyCode::Esc), InputMode::Confirm), Some(Action::No));
        assert_eq!(action_for(key(KeyCode::Char('q')), InputMode::Confirm), None);
        assert_eq!(action_for(key(KeyCode::Char('1')), InputMode::Confirm), None);
    }

    #[test]
    fn ctrl_c_interrupts_in_every_mode_and_other_chords_do_nothing() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        let ctrl_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL);
        let alt_1 = KeyEvent::new(KeyCode::Char('1'), KeyModifiers::ALT);
        for mode in [InputMode::Navigate, InputMode::Text, InputMode::Confirm] {
            assert_eq!(action_for(ctrl_c, mode), Some(Action::Interrupt));
            assert_eq!(action_for(ctrl_q, mode), None);
            assert_eq!(action_for(alt_1, mode), None);
        }
    }
}
