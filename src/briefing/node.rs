//! One syntax tree for both file formats, with the byte span of every key and value.
//!
//! TOML and JSON parse into `Node`s so that the rules of the format are written once
//! (`decode.rs`) and every problem can point at the exact place in the file.

use std::borrow::Cow;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::model::Date;
use super::sanitize::neutralize;

pub type Span = Range<usize>;

/// Strings borrow from the file's text where they can (no escapes): a briefing is mostly
/// strings, and copying each one twice cost more than parsing it.
#[derive(Debug, Clone)]
pub struct Node<'a> {
    pub span: Span,
    pub value: NodeValue<'a>,
}

#[derive(Debug, Clone)]
pub enum NodeValue<'a> {
    String(Cow<'a, str>),
    /// Integers keep their text so an out-of-range number is an error, not a wrap-around.
    Integer(Option<i64>),
    Float(f64),
    Bool(bool),
    /// A TOML local date (`2024-09-18` without quotes).
    Date(Date),
    /// Any other TOML date-time; never valid in a briefing, kept to say so precisely.
    DateTime(String),
    Array(Vec<Node<'a>>),
    Table(Vec<Entry<'a>>),
    Null,
}

#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub key: Cow<'a, str>,
    pub key_span: Span,
    pub value: Node<'a>,
}

impl NodeValue<'_> {
    /// How a value is named in "expected X, found Y" messages.
    pub fn kind(&self) -> &'static str {
        match self {
            NodeValue::String(_) => "a string",
            NodeValue::Integer(_) => "an integer",
            NodeValue::Float(_) => "a number with a fraction",
            NodeValue::Bool(_) => "a boolean",
            NodeValue::Date(_) => "a date",
            NodeValue::DateTime(_) => "a date-time",
            NodeValue::Array(_) => "an array",
            NodeValue::Table(_) => "a table",
            NodeValue::Null => "null",
        }
    }
}

/// A syntax error, with the span the parser blamed when it knew one.
#[derive(Debug)]
pub struct SyntaxError {
    pub message: String,
    pub span: Option<Span>,
}

pub fn parse_toml(text: &str) -> Result<Node<'_>, SyntaxError> {
    let root = DeTable::parse(text).map_err(|e| SyntaxError {
        message: e.message().trim().to_string(),
        span: e.span(),
    })?;
    let span = root.span();
    Ok(Node {
        // The document's own span is its whole text; a missing top-level field is reported at
        // its start, as the format asks.
        span: 0..span.end.min(1),
        value: toml_table(root.into_inner()),
    })
}

fn toml_table(table: DeTable<'_>) -> NodeValue<'_> {
    NodeValue::Table(
        table
            .into_iter()
            .map(|(key, value)| Entry {
                key_span: key.span(),
                key: key.into_inner(),
                value: Node {
                    span: value.span(),
                    value: toml_value(value.into_inner()),
                },
            })
            .collect(),
    )
}

fn toml_value(value: DeValue<'_>) -> NodeValue<'_> {
    match value {
        DeValue::String(s) => NodeValue::String(s),
        DeValue::Integer(i) => {
            let digits: String = i.as_str().chars().filter(|c| *c != '_').collect();
            NodeValue::Integer(i64::from_str_radix(&digits, i.radix()).ok())
        }
        DeValue::Float(f) => {
            NodeValue::Float(f.as_str().replace('_', "").parse().unwrap_or(f64::NAN))
        }
        DeValue::Boolean(b) => NodeValue::Bool(b),
        DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => match Date::new(i32::from(d.year), d.month, d.day) {
                Some(date) => NodeValue::Date(date),
                None => NodeValue::DateTime(dt.to_string()),
            },
            _ => NodeValue::DateTime(dt.to_string()),
        },
        DeValue::Array(items) => NodeValue::Array(
            items
                .into_iter()
                .map(|v| Node {
                    span: v.span(),
                    value: toml_value(v.into_inner()),
                })
                .collect(),
        ),
        DeValue::Table(t) => toml_table(t),
    }
}

pub fn parse_json(text: &str) -> Result<Node<'_>, SyntaxError> {
    use jsonc_parser::{CollectOptions, ParseOptions, parse_to_ast};
    // Strict JSON: a pipeline that writes comments or trailing commas should hear about it.
    let options = ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let parsed =
        parse_to_ast(text, &CollectOptions::default(), &options).map_err(|e| SyntaxError {
            message: e.kind().to_string(),
            // The parser blames the end of the previous value; people (and serde_json) expect
            // the place where the unexpected token starts.
            span: Some(
                skip_whitespace(text, e.range().start)
                    ..e.range().end.max(skip_whitespace(text, e.range().start)),
            ),
        })?;
    match parsed.value {
        Some(value) => Ok(json_value(value)),
        None => Err(SyntaxError {
            message: "the file holds no JSON value".into(),
            span: None,
        }),
    }
}

fn skip_whitespace(text: &str, at: usize) -> usize {
    let rest = text.get(at..).unwrap_or("");
    at + (rest.len() - rest.trim_start().len())
}

fn json_value(value: jsonc_parser::ast::Value<'_>) -> Node<'_> {
    use jsonc_parser::ast::{ObjectPropName, Value};
    let (span, value) = match value {
        Value::StringLit(s) => (s.range, NodeValue::String(s.value)),
        Value::NumberLit(n) => {
            let v = if n.value.contains(['.', 'e', 'E']) {
                NodeValue::Float(n.value.parse().unwrap_or(f64::NAN))
            } else {
                NodeValue::Integer(n.value.parse().ok())
            };
            (n.range, v)
        }
        Value::BooleanLit(b) => (b.range, NodeValue::Bool(b.value)),
        Value::NullKeyword(n) => (n.range, NodeValue::Null),
        Value::Array(a) => (
            a.range,
            NodeValue::Array(a.elements.into_iter().map(json_value).collect()),
        ),
        Value::Object(o) => (
            o.range,
            NodeValue::Table(
                o.properties
                    .into_iter()
                    .map(|p| {
                        let (key, key_span) = match p.name {
                            ObjectPropName::String(s) => (s.value, s.range),
                            ObjectPropName::Word(w) => (Cow::Borrowed(w.value), w.range),
                        };
                        Entry {
                            key,
                            key_span: key_span.start..key_span.end,
                            value: json_value(p.value),
                        }
                    })
                    .collect(),
            ),
        ),
    };
    Node {
        span: span.start..span.end,
        value,
    }
}

impl Node<'_> {
    /// The value as JSON, for extension keys that `brief show --json` carries. Strings are
    /// neutralised like every other text: JSON escapes C0 controls but not C1 or bidi ones.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.value {
            NodeValue::String(s) => Value::String(neutralize(s).into_owned()),
            NodeValue::Integer(Some(i)) => Value::from(*i),
            NodeValue::Integer(None) => Value::Null,
            NodeValue::Float(f) => serde_json::Number::from_f64(*f)
                .map(Value::Number)
                .unwrap_or(Value::Null),
            NodeValue::Bool(b) => Value::Bool(*b),
            NodeValue::Date(d) => Value::String(d.to_string()),
            NodeValue::DateTime(s) => Value::String(s.clone()),
            NodeValue::Array(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            NodeValue::Table(entries) => Value::Object(
                entries
                    .iter()
                    .map(|e| (neutralize(&e.key).into_owned(), e.value.to_json()))
                    .collect(),
            ),
            NodeValue::Null => Value::Null,
        }
    }
}
