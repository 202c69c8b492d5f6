#!/usr/bin/env bash
# Idempotent: asks apt only for the Debian 12 packages that are missing.
set -euo pipefail
pkgs=(
  build-essential cmake pkg-config python3 python3-yaml
  libsystemc-dev verilator catch2 libspdlog-dev libfmt-dev
  libboost-dev libboost-program-options-dev
  libyaml-cpp-dev nlohmann-json3-dev yosys z3
  slurmctld slurmd slurm-client munge bc
  python3-matplotlib lcov
)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
