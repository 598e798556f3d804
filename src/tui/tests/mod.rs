mod fixtures;
mod render;
mod scenes;
mod snapshots;
