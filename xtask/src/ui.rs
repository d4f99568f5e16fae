//! What a run says while it works. On a terminal (stderr), each stage shows
//! what it is doing, then one line when done (what it made, and how long
//! it took); elsewhere (CI logs, tests) nothing of this is printed, so that
//! the output stays as it was and does not depend on the clock.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// When stage lines are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum When {
    /// When stderr is a terminal.
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy)]
pub struct Ui {
    stages: bool,
    /// Escape sequences: to redraw the progress line, and bold stage names.
    tty: bool,
}

/// A stage under way.
pub struct Stage {
    name: &'static str,
    started: Instant,
}

impl Ui {
    pub fn new(when: When) -> Ui {
        let tty = std::io::stderr().is_terminal();
        Ui {
            stages: match when {
                When::Auto => tty,
                When::Always => true,
                When::Never => false,
            },
            tty,
        }
    }

    /// Whether stage lines are printed.
    pub fn shows_stages(&self) -> bool {
        self.stages
    }

    /// Starts a stage: on a terminal, `name: what…` until it is done.
    pub fn start(&self, name: &'static str, what: &str) -> Stage {
        if self.stages && self.tty {
            eprint!("{}{what}…", self.label(name));
            let _ = std::io::stderr().flush();
        }
        Stage { name, started: Instant::now() }
    }

    /// Ends a stage with its one-line summary, and how long it took.
    pub fn done(&self, stage: Stage, summary: &str) {
        if self.stages {
            self.clear();
            eprintln!("{}{summary} in {}", self.label(stage.name), ms(stage.started.elapsed()));
        }
    }

    /// Ends a stage that failed: its progress line goes.
    pub fn failed(&self, _stage: Stage) {
        if self.stages {
            self.clear();
        }
    }

    fn clear(&self) {
        if self.tty {
            eprint!("\r\x1b[2K");
        }
    }

    fn label(&self, name: &str) -> String {
        let pad = " ".repeat(7usize.saturating_sub(name.len()));
        if self.tty { format!("\x1b[1;32m{name}:\x1b[0m{pad}") } else { format!("{name}:{pad}") }
    }
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1e3;
    if ms < 10.0 { format!("{ms:.1} ms") } else { format!("{ms:.0} ms") }
}

/// `1234567` → `1,234,567`.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A size in bytes, as people read it.
pub fn bytes(n: usize) -> String {
    match n {
        0..1_000 => format!("{n} B"),
        1_000..1_000_000 => format!("{:.1} kB", n as f64 / 1e3),
        _ => format!("{:.1} MB", n as f64 / 1e6),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_read_well() {
        assert_eq!(super::thousands(1234567), "1,234,567");
        assert_eq!(super::thousands(123), "123");
        assert_eq!(super::bytes(999), "999 B");
        assert_eq!(super::bytes(1_234_567), "1.2 MB");
    }
}
