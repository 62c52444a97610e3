//! Ids of the things people refer to: a ticket, a customer, a time entry. Each is the text of a
//! stored id (a UUID, or another copy's text id; see `store::codec::id_blob`) in a type of its own, so
//! a customer's id cannot be passed where a ticket's is wanted. They serialise as their bare text
//! (`serde(transparent)`): the database, the operation log and the sync wire format are unchanged.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The id whose text is `text` (as stored or as the log carries it; no check is made:
            /// an id that names nothing is found nowhere).
            pub fn new(text: impl Into<String>) -> Self {
                $name(text.into())
            }

            /// The id's text.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The id's text, owned.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                $name(text)
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                $name(text.to_string())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }
    };
}

id_type!(
    /// A ticket's id (not its number: the number is what people type, see [`super::TicketNumber`]).
    TicketId
);
id_type!(
    /// A customer's id.
    CustomerId
);
id_type!(
    /// A time entry's row id (one version of an entry; a correction is a new row).
    EntryId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_serialises_as_its_bare_text() {
        let id = TicketId::new("0190a1b2-0000-7000-8000-000000000001");
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, "\"0190a1b2-0000-7000-8000-000000000001\"");
        assert_eq!(serde_json::from_str::<TicketId>(&json).unwrap(), id);
    }

    #[test]
    fn an_id_compares_with_its_text() {
        let id = CustomerId::new("c1");
        assert_eq!(id, "c1");
        assert_ne!(id, *"c2");
        assert_eq!(id.to_string(), "c1");
    }
}
