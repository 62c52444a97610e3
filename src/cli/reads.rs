//! Which commands read a few scattered pages of the file (see [`crate::store::Reads`]).

use super::Command;
use super::args::{CustomerCmd, TicketCmd};
use crate::store::Reads;

/// How `command` reads its file (see [`crate::store::Reads`]): a few scattered pages for the commands
/// that touch one ticket (its entries too), entry, timer or customer; read-ahead for everything else (lists, reports,
/// copies, checks, the interface).
pub(super) fn of(command: &Option<Command>) -> Reads {
    let few = match command {
        Some(Command::Ticket(c)) => !matches!(c, TicketCmd::List { .. }),
        Some(Command::Time(_) | Command::Timer(_)) => true,
        Some(Command::Customer(c)) => !matches!(c, CustomerCmd::List { .. } | CustomerCmd::Show { .. }),
        _ => false,
    };
    if few { Reads::Few } else { Reads::Spread }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::super::Cli;
    use crate::store::Reads;

    fn reads(line: &str) -> Reads {
        let cli = Cli::try_parse_from(line.split_whitespace()).unwrap();
        super::of(&cli.command)
    }

    #[test]
    fn commands_on_one_thing_read_few_pages_and_lists_spread() {
        for few in [
            "helpdesk time add 1 --minutes 15",
            "helpdesk time list 1",
            "helpdesk ticket show 1",
            "helpdesk timer start 1",
            "helpdesk ticket respond 1 --resolve-by 2026-12-24",
            "helpdesk customer tier Acme --tier vip",
        ] {
            assert_eq!(reads(few), Reads::Few, "{few}");
        }
        for spread in [
            "helpdesk ticket list --open",
            "helpdesk customer list",
            "helpdesk report month 2026-10",
            "helpdesk check",
            "helpdesk customer show Acme",
            "helpdesk",
        ] {
            assert_eq!(reads(spread), Reads::Spread, "{spread}");
        }
    }
}
