# shellcheck shell=bash
# Shared by scripts/test, scripts/demo and scripts/bench: install what they
# need on a fresh Debian machine, and run a local STS (moto) on loopback.
# Source it from the repository root.

# Pinned so a new release of moto or the AWS CLI cannot change what we see.
# Changing a pin here reinstalls the virtualenv's packages.
PY_PINS=("moto[server]==5.2.5" "awscli==1.46.2" "awsume==4.5.4")
VENV="$PWD/target/venv"
# The scripts point HOME at throwaway directories; cargo and rustup must still
# find their own, so pin them first.
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"

step() { printf '\n==> %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }

# ensure_commands CMD=PACKAGE... : installs the Debian packages of missing commands.
ensure_commands() {
  local missing=() pair cmd pkg
  for pair in "$@"; do
    cmd=${pair%%=*} pkg=${pair#*=}
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
  done
  # Debian splits venv and ensurepip out of python3; without them `-m venv` fails.
  if command -v python3 >/dev/null 2>&1 && ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    missing+=(python3-venv)
  fi
  if ((${#missing[@]} == 0)); then
    note "all present"
    return
  fi
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || {
      echo "error: missing packages (${missing[*]}) and not root, with no sudo to install them" >&2
      return 1
    }
    sudo=(sudo)
  fi
  note "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# ensure_venv: target/venv with the pinned moto, AWS CLI and awsume.
ensure_venv() {
  # A venv whose interpreter vanished (python upgraded or removed) is rebuilt.
  if [[ -d $VENV ]] && ! "$VENV/bin/python" -c '' 2>/dev/null; then
    note "existing venv is broken; recreating it"
    rm -rf "$VENV"
  fi
  if [[ ! -x $VENV/bin/python ]]; then
    note "creating venv"
    mkdir -p target
    python3 -m venv "$VENV"
  fi
  # The stamp records the pins last installed, so an unchanged venv costs no pip run.
  local stamp="$VENV/.roleshift-pins" want
  want="$(printf '%s\n' "${PY_PINS[@]}")"
  if [[ -f $stamp && $(cat "$stamp") == "$want" ]]; then
    note "pins unchanged; skipping pip"
  else
    note "installing: ${PY_PINS[*]}"
    "$VENV/bin/python" -m pip install --disable-pip-version-check -q "${PY_PINS[@]}"
    printf '%s\n' "$want" >"$stamp"
  fi
}

# nushell is not a Debian package; npm carries its release binary.
NU_VERSION=0.115.1
NU_DIR="$PWD/target/nu"

# ensure_nushell: target/nu/bin/nu, the pinned nushell. npm's node_modules/.bin/nu
# is a node launcher; the link points at the binary itself, so tests (and
# strace) see nushell alone.
ensure_nushell() {
  if [[ $("$NU_DIR/bin/nu" --version 2>/dev/null) == "$NU_VERSION" ]]; then
    note "nushell $NU_VERSION present; skipping npm"
    return
  fi
  ensure_commands npm=npm
  note "installing: nushell@$NU_VERSION"
  npm install --prefix "$NU_DIR" --no-audit --no-fund --loglevel=error "nushell@$NU_VERSION"
  # Only the package of this platform is installed (@nushell/linux-x64, ...).
  local bins=("$NU_DIR"/node_modules/@nushell/*/bin/nu)
  if ((${#bins[@]} != 1)) || [[ ! -x ${bins[0]} ]]; then
    echo "error: npm installed no nushell binary for this platform: ${bins[*]}" >&2
    return 1
  fi
  mkdir -p "$NU_DIR/bin"
  ln -sfn "../${bins[0]#"$NU_DIR/"}" "$NU_DIR/bin/nu"
  if [[ $("$NU_DIR/bin/nu" --version) != "$NU_VERSION" ]]; then
    echo "error: $NU_DIR/bin/nu is not nushell $NU_VERSION" >&2
    return 1
  fi
}

# The AWS SDK for JavaScript v3, a third real client of what roleshift produces
# (tests/e2e_sdk_clients.rs finds it through NODE_PATH=target/node/node_modules).
JS_SDK_PIN="@aws-sdk/client-sts@3.1177.0"
NODE_SDK_DIR="$PWD/target/node"

# ensure_node_sdk: target/node with the pinned @aws-sdk/client-sts.
ensure_node_sdk() {
  local stamp="$NODE_SDK_DIR/.roleshift-pin"
  if [[ -f $stamp && $(cat "$stamp") == "$JS_SDK_PIN" ]]; then
    note "$JS_SDK_PIN present; skipping npm"
    return
  fi
  ensure_commands npm=npm node=nodejs
  note "installing: $JS_SDK_PIN"
  npm install --prefix "$NODE_SDK_DIR" --no-audit --no-fund --loglevel=error "$JS_SDK_PIN"
  printf '%s\n' "$JS_SDK_PIN" >"$stamp"
}

free_port() {
  "$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_moto LOGFILE: starts moto on a free loopback port; sets MOTO_PID and MOTO_URL.
start_moto() {
  local log=$1 port
  port=$(free_port)
  "$VENV/bin/moto_server" -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
  MOTO_PID=$!
  MOTO_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 150); do
    if curl -fsS -o /dev/null "$MOTO_URL/moto-api/" 2>/dev/null; then
      return 0
    fi
    kill -0 "$MOTO_PID" 2>/dev/null || break
    sleep 0.2
  done
  echo "error: moto did not start; its log:" >&2
  cat "$log" >&2
  return 1
}

stop_moto() {
  if [[ -n ${MOTO_PID:-} ]]; then
    kill "$MOTO_PID" 2>/dev/null || true
    wait "$MOTO_PID" 2>/dev/null || true
    MOTO_PID=
  fi
}

# static_target: the target triple to build roleshift as one static PIE for,
# or nothing where the platform has no static libc build (see README).
static_target() {
  local host
  host=$(rustc -vV | sed -n 's/^host: //p')
  case $host in
    x86_64-unknown-linux-gnu | aarch64-unknown-linux-gnu) printf '%s\n' "$host" ;;
  esac
}

# glibc_at_least MAJOR MINOR: whether the C library is glibc of that version or later.
glibc_at_least() {
  local v
  v=$(getconf GNU_LIBC_VERSION 2>/dev/null) || return 1
  v=${v#glibc }
  local major=${v%%.*} minor=${v#*.}
  minor=${minor%%.*}
  ((major > $1 || (major == $1 && minor >= $2)))
}

# cargo_static ARGS... : runs cargo with the flags that make roleshift one
# static PIE (glibc's crt-static; a --target keeps proc macros dynamic),
# its relocations packed (RELR: glibc 2.36 and binutils 2.38 or later), which
# makes the binary 0.5 MB smaller (docs/architecture.md).
cargo_static() {
  local target var
  target=$(static_target)
  if [[ -z $target ]]; then
    cargo "$@"
    return
  fi
  var="CARGO_TARGET_$(printf '%s' "$target" | tr 'a-z-' 'A-Z_')_RUSTFLAGS"
  local flags="-C target-feature=+crt-static"
  # An older glibc would not apply packed relocations at start.
  if glibc_at_least 2 36; then
    flags+=" -C link-arg=-Wl,-z,pack-relative-relocs"
  fi
  env "$var=$flags" cargo "$@" --target "$target"
}

# built_binary: reads cargo's JSON messages on stdin and prints the path of
# the roleshift executable, wherever CARGO_TARGET_DIR or --target put it.
built_binary() {
  python3 -c '
import json, sys
path = ""
for line in sys.stdin:
    try:
        m = json.loads(line)
    except ValueError:
        continue
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "roleshift":
        path = m["executable"]
if not path:
    sys.exit("error: cargo reported no roleshift executable")
print(path)'
}

# build_release: builds the release binary as users install it; sets
# ROLESHIFT (read by the scripts that source this file).
build_release() {
  # shellcheck disable=SC2034
  ROLESHIFT=$(cargo_static build --release --locked --message-format=json-render-diagnostics | built_binary)
}

# build_debug: the debug binary (scripts/regen); sets ROLESHIFT.
build_debug() {
  # shellcheck disable=SC2034
  ROLESHIFT=$(cargo build --locked --message-format=json-render-diagnostics | built_binary)
}
