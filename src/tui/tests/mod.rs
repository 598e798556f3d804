mod colours;
mod fixtures;
mod key_table;
mod render;
mod scenes;
mod snapshots;
mod theme_tests;
