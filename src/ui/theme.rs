//! Colours and their monochrome stand-ins. Every state also carries a symbol and a word, so nothing is
//! told by colour alone; with NO_COLOR the [`Theme::mono`] theme uses only bold / dim / underline /
//! reverse (the terminal's own colours), which crossterm keeps when forced to emit styles.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::sla::SlaState;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub mono: bool,
}

impl Theme {
    pub fn color() -> Self {
        Self { mono: false }
    }

    pub fn mono() -> Self {
        Self { mono: true }
    }

    /// NO_COLOR set and non-empty (https://no-color.org) means monochrome.
    pub fn from_env() -> Self {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Self::mono(),
            _ => Self::color(),
        }
    }

    fn pick(&self, color: Style, mono: Style) -> Style {
        if self.mono { mono } else { color }
    }

    pub fn state(&self, s: SlaState) -> Style {
        let b = Style::new();
        match s {
            SlaState::Breached => self.pick(
                b.fg(Color::Red).add_modifier(Modifier::BOLD),
                b.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            ),
            SlaState::AtRisk => self.pick(b.fg(Color::Yellow), b.add_modifier(Modifier::BOLD)),
            SlaState::Running => b,
            SlaState::Paused | SlaState::Met | SlaState::NoSla => {
                self.pick(b.fg(Color::DarkGray), b.add_modifier(Modifier::DIM))
            }
        }
    }

    pub fn symbol(s: SlaState) -> &'static str {
        match s {
            SlaState::Breached => "✖",
            SlaState::AtRisk => "▲",
            SlaState::Running => "●",
            SlaState::Paused => "‖",
            SlaState::Met => "✔",
            SlaState::NoSla => "–",
        }
    }

    /// A search match inside text (the queue's titles, the ticket's history).
    pub fn mark(&self) -> Style {
        self.pick(
            Style::new()
                .fg(ratatui::style::Color::Yellow)
                .add_modifier(ratatui::style::Modifier::BOLD | ratatui::style::Modifier::UNDERLINED),
            Style::new().add_modifier(ratatui::style::Modifier::BOLD | ratatui::style::Modifier::UNDERLINED),
        )
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn header(&self) -> Style {
        self.pick(Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD), Style::new().add_modifier(Modifier::BOLD))
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        self.pick(Style::new().fg(Color::DarkGray), Style::new().add_modifier(Modifier::DIM))
    }

    pub fn key(&self) -> Style {
        self.pick(Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD), Style::new().add_modifier(Modifier::BOLD))
    }

    pub fn error(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )
    }

    pub fn good(&self) -> Style {
        self.pick(Style::new().fg(Color::Green), Style::new())
    }

    pub fn warn(&self) -> Style {
        self.pick(Style::new().fg(Color::Yellow), Style::new().add_modifier(Modifier::BOLD))
    }

    pub fn active_tab(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn timer(&self) -> Style {
        self.pick(Style::new().fg(Color::Green).add_modifier(Modifier::BOLD), Style::new().add_modifier(Modifier::BOLD))
    }
}
