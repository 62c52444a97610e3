//! Which commands read a few scattered pages of the file (see [`crate::store::Reads`]).

use super::Command;
use super::args::{CustomerCmd, TicketCmd};
use crate::store::Reads;

/// The tables and indexes the open tickets' list and the customer list read whole (the schema's
/// names; a table comes with its indexes): the open tickets' covering index, the customers and
/// their tier history.
const LIST_TREES: &[&str] = &["tickets_open_rows", "customers", "tier_changes"];

/// How `command` reads its file (see [`crate::store::Reads`]): a few scattered pages for the commands
/// that touch one ticket (its entries too), entry, timer or customer; the pages of known tables asked
/// for ahead for `ticket list --open` and `customer list`; read-ahead for everything else (other lists,
/// reports, copies, checks, the interface).
pub(super) fn of(command: &Option<Command>) -> Reads {
    match command {
        Some(Command::Ticket(TicketCmd::List { open: true, customer: None, .. }))
        | Some(Command::Customer(CustomerCmd::List { .. })) => return Reads::Trees(LIST_TREES),
        _ => {}
    }
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
    fn commands_on_one_thing_read_few_pages_lists_their_trees_and_others_spread() {
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
        for trees in ["helpdesk ticket list --open", "helpdesk customer list", "helpdesk customer list --all"] {
            assert_eq!(reads(trees), Reads::Trees(super::LIST_TREES), "{trees}");
        }
        for spread in [
            "helpdesk ticket list",
            "helpdesk ticket list --open --customer Acme",
            "helpdesk report month 2026-10",
            "helpdesk check",
            "helpdesk customer show Acme",
            "helpdesk",
        ] {
            assert_eq!(reads(spread), Reads::Spread, "{spread}");
        }
    }
}
