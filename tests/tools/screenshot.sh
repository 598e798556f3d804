#!/usr/bin/env bash
# Capture a tmux pane with its colours and render it to a PNG.
#
#   tests/tools/screenshot.sh SESSION OUTPUT.png [TITLE] [ansi2png options...]
#
# SESSION is any tmux target (session, session:window or session:window.pane).
# The capture has the pane's exact size (trailing blanks kept, so background
# colours reach the right edge).  Extra options go to ansi2png.py, e.g.
# --font-size 18 or --palette xterm.  Set KEEP_ANS=1 to keep the raw capture
# next to the PNG as OUTPUT.ans.
#
# Example:
#   tmux new-session -d -s shot -x 160 -y 48 'target/release/recon demo'
#   sleep 5; tests/tools/screenshot.sh shot screenshots/console.png "recon"
#   tmux kill-session -t shot
set -euo pipefail

me=$(basename "$0")
here=$(cd "$(dirname "$0")" && pwd)
die() { echo "$me: $*" >&2; exit 1; }

if [[ $# -lt 2 || $1 == -h || $1 == --help ]]; then
    echo "usage: $me SESSION OUTPUT.png [TITLE] [ansi2png options...]" >&2
    exit 2
fi
target=$1
output=$2
shift 2
title_args=()
if [[ $# -gt 0 ]]; then
    [[ -n $1 ]] && title_args=(--title "$1")
    shift
fi

command -v tmux >/dev/null || die "tmux is not installed (apt-get install -y tmux)"
command -v python3 >/dev/null || die "python3 is not installed"

# Dependencies of the renderer: Pillow and the DejaVu fonts.
if ! python3 -c 'import PIL' 2>/dev/null; then
    echo "$me: Pillow is missing; installing it with 'python3 -m pip install pillow'" >&2
    python3 -m pip install --quiet pillow >&2 ||
        die "could not install Pillow; run 'python3 -m pip install pillow' yourself"
fi
font=/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf
if [[ ! -f $font ]]; then
    echo "$me: $font is missing; installing the Debian package fonts-dejavu-core" >&2
    sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    command -v apt-get >/dev/null ||
        die "no apt-get here; install DejaVu Sans Mono yourself (or pass --font PATH)"
    { "${sudo[@]}" apt-get update -qq && "${sudo[@]}" apt-get install -y -qq fonts-dejavu-core; } >&2 ||
        die "could not install fonts-dejavu-core; run 'apt-get install -y fonts-dejavu-core' as root"
fi

tmux has-session -t "$target" 2>/dev/null || die "no tmux session '$target' (see 'tmux ls')"
read -r cols rows < <(tmux display-message -p -t "$target" '#{pane_width} #{pane_height}' 2>/dev/null) || true
[[ ${cols:-} =~ ^[0-9]+$ && ${rows:-} =~ ^[0-9]+$ ]] || die "no tmux pane '$target' (see 'tmux ls')"

ans=$(mktemp "${TMPDIR:-/tmp}/screenshot.XXXXXX.ans")
trap 'rm -f "$ans"' EXIT
# -p: to stdout, -e: with colour escapes, -N: keep trailing spaces.
tmux capture-pane -p -e -N -t "$target" >"$ans" || die "capturing '$target' failed"

mkdir -p "$(dirname "$output")"
python3 "$here/ansi2png.py" "$ans" "$output" --cols "$cols" --rows "$rows" \
    ${title_args[@]+"${title_args[@]}"} "$@"
if [[ ${KEEP_ANS:-} == 1 ]]; then
    cp "$ans" "${output%.png}.ans"
fi
echo "$me: wrote $output (${cols}x${rows} cells)" >&2
