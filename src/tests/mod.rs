//! Tests across modules: hostile input (issue 10).

mod hostile_corpus;
mod hostile_props;
mod hostile_strategies;
