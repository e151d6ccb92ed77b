//! Arbitrary bytes as a `.json` briefing file: the loader must never panic, hang or blow the
//! stack, and whatever it returns must be free of terminal control characters.
#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::check(data, common::Ext::Json));
