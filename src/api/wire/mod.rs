//! Serde types for freqtrade's REST answers and request bodies, checked against freqtrade 2026.9
//! (`freqtrade/rpc/api_server/api_schemas.py`, the `api_*.py` routers and `rpc.py`).
//!
//! Decoding is lenient by design (see [`lenient`]): a field that is missing, `null` or of an unexpected type
//! falls back to its default instead of failing the whole answer, unknown fields are ignored, and string
//! enums have an `Unknown` variant. freqtrade serializes NaN and ±Infinity as `null` (orjson), so any computed
//! number can be `null`; those are `Option<f64>`. Field names are freqtrade's own JSON names.
//!
//! Request bodies end in `Payload`, serialize only the fields that are set, and are built by the caller and
//! passed to the functions in `api::endpoints`.

/// Defines a response struct whose every field is read leniently.
///
/// Expands to the struct with `Debug, Clone, PartialEq, Default, Serialize`, a [`lenient::Lenient`] reader (one
/// map lookup per field) and a `Deserialize` through it. A field's JSON name is its own, or the string after
/// `=` (`pub kind: AnnotationKind = "type"`), which serializes under that name too.
macro_rules! wire_struct {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $(
                $(#[$fmeta:meta])*
                pub $field:ident : $ty:ty $(= $key:literal)?
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Default, ::serde::Serialize)]
        $vis struct $name {
            $(
                $(#[$fmeta])*
                $(#[serde(rename = $key)])?
                pub $field: $ty,
            )*
        }

        impl crate::api::wire::lenient::Lenient for $name {
            fn from_json(value: &::serde_json::Value) -> Option<Self> {
                let object = value.as_object()?;
                Some($name {
                    $( $field: crate::api::wire::lenient::read(object, wire_key!($field $(, $key)?)), )*
                })
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::api::wire::lenient::deserialize_struct(deserializer)
            }
        }
    };
}

/// A wire field's JSON name: the given one, or the field's own.
macro_rules! wire_key {
    ($field:ident) => {
        stringify!($field)
    };
    ($field:ident, $key:literal) => {
        $key
    };
}

/// Defines a string enum: each variant has its wire string (and optional aliases); any other string, and any
/// non-string value, decodes to `Unknown`, which is also the default.
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $wire:literal $(| $alias:literal)*
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub enum $name {
            $(
                $(#[$vmeta])*
                $variant,
            )*
            /// A value this version of Freqboard does not know (or no value at all).
            #[default]
            Unknown,
        }

        impl $name {
            /// The string freqtrade uses for this value (`"unknown"` for `Unknown`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $wire, )*
                    $name::Unknown => "unknown",
                }
            }

            /// Maps freqtrade's string to a variant; unknown strings give `Unknown`.
            pub fn from_wire(s: &str) -> Self {
                match s {
                    $( $wire $(| $alias)* => $name::$variant, )*
                    _ => $name::Unknown,
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::api::wire::lenient::deserialize(deserializer)
            }
        }

        impl crate::api::wire::lenient::Lenient for $name {
            fn from_json(value: &::serde_json::Value) -> Option<Self> {
                <String as crate::api::wire::lenient::Lenient>::from_json(value).map(|s| $name::from_wire(&s))
            }
        }
    };
}

pub mod lenient;

pub mod analysis;
pub mod auth;
pub mod backtest;
pub mod bot;
pub mod candles;
pub mod common;
pub mod jobs;
pub mod logs;
pub mod pairs;
pub mod profit;
pub mod slices;
pub mod strategy;
pub mod trades;

pub use analysis::*;
pub use auth::*;
pub use backtest::*;
pub use bot::*;
pub use candles::*;
pub use common::*;
pub use jobs::*;
pub use lenient::OrderedMap;
pub use logs::*;
pub use pairs::*;
pub use profit::*;
pub use strategy::*;
pub use trades::*;
