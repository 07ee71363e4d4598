"""Turns scripts/bench's hyperfine JSON files into docs/performance.md.

Usage: perf_report.py JSON_DIR BINARY_BYTES RUNS SLOW_RUNS [BASELINE_BYTES] [LINKAGE]
BINARY_BYTES is the release binary's size, LINKAGE what `file` says of it.
BASELINE_BYTES is the size of the same binary built with Cargo's default
release profile, when scripts/bench was asked to build it (BENCH_SIZE_BASELINE=1).
"""
import json
import os
import platform
import sys
from datetime import datetime, timezone

jdir, bin_bytes, runs, slow_runs = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
baseline_bytes = int(sys.argv[5]) if len(sys.argv) > 5 and sys.argv[5] else None
linkage = sys.argv[6] if len(sys.argv) > 6 and sys.argv[6] else "unknown"


def load(name):
    path = os.path.join(jdir, name + ".json")
    if not os.path.exists(path):
        return None
    r = json.load(open(path))["results"][0]
    return {"median": r["median"] * 1000, "mean": r["mean"] * 1000, "stddev": (r.get("stddev") or 0) * 1000, "cmd": r["command"]}


m = {n: load(n) for n in ["trivial", "cached", "status", "list_names", "cached_big", "cold", "cold_parallel", "curl", "awscli", "awsume", "hook_idle", "hook_cd_plain", "hook_enter_cached", "bash_prompt", "each", "each_curl", "each_curl_one"]}


def ms(n):
    return f"{m[n]['median']:.2f} ms" if m.get(n) else "not measured"


def verdict(ok):
    return "**met**" if ok else "**missed**"


rows = [
    ("trivial Rust binary printing three lines (process floor)", "trivial"),
    ("`roleshift export prod` — cache hit", "cached"),
    ("`roleshift status` — the prompt's one line", "status"),
    ("`roleshift list --names` — what TAB completion runs", "list_names"),
    ("`roleshift hook-env --shell bash` — `cd` to a directory without a config", "hook_cd_plain"),
    ("`roleshift export team-4999` — cache hit, 5,000-profile config", "cached_big"),
    ("`roleshift export prod --no-cache` — cold AssumeRole", "cold"),
    ("12 parallel `roleshift credential-process prod` on a cold cache — one shared AssumeRole", "cold_parallel"),
    ("`curl` posting the same AssumeRole (network floor)", "curl"),
    ("`aws sts assume-role` (AWS CLI v1)", "awscli"),
    ("`awsume prod` (awsumepy)", "awsume"),
    ("`roleshift exec --each 'each-*' --parallel 8 --no-cache -- true` — 50 cold profiles", "each"),
    ("one `curl --parallel --parallel-max 8` posting the same 50 AssumeRole requests (floor)", "each_curl_one"),
    ("`xargs -P 8` running 50 `curl` processes, one request each", "each_curl"),
]

print("# Performance")
print()
print("Measured by `scripts/bench`: it builds the release binary, starts a local STS (moto) on loopback,")
print("and times every command with hyperfine in one run, so the ratios below compare like with like.")
print("These machines are shared and noisy: compare ratios from one run, not absolute times across runs.")
print()
print(f"Last run: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}, {platform.machine()}, {os.cpu_count()} cores; "
      f"{runs} runs for the fast commands, {slow_runs} for the network-bound ones.")
print()
print("Reproduce with:")
print()
print("```sh")
print("scripts/bench")
print("```")
print()
print("| command | median | mean ± σ |")
print("|---|---:|---:|")
for label, n in rows:
    if m.get(n):
        print(f"| {label} | {m[n]['median']:.2f} ms | {m[n]['mean']:.2f} ± {m[n]['stddev']:.2f} ms |")
print()
print("## Budgets (SPEC §9)")
print()
print("| budget | measured | verdict |")
print("|---|---|---|")
if m["cached"] and m["trivial"]:
    r = m["cached"]["median"] / m["trivial"]["median"]
    print(f"| cache hit within 1.5x of the trivial binary | {r:.2f}x | {verdict(r <= 1.5)} |")
if m["cached"] and m["awsume"]:
    r = m["awsume"]["median"] / m["cached"]["median"]
    print(f"| cache hit at least 100x faster than awsume | {r:.0f}x faster | {verdict(r >= 100)} |")
if m["cached_big"] and m["trivial"]:
    d = m["cached_big"]["median"] - m["trivial"]["median"]
    print(f"| 5,000-profile config, cache hit: a few ms | {m['cached_big']['median']:.2f} ms ({d:+.2f} ms over the floor) | {verdict(m['cached_big']['median'] <= 5)} |")
if m["cold"] and m["curl"]:
    d = m["cold"]["median"] - m["curl"]["median"]
    print(f"| cold AssumeRole within 2 ms of curl | {d:+.2f} ms | {verdict(d <= 2)} |")
if m["cold"] and m["awscli"]:
    r = m["awscli"]["median"] / m["cold"]["median"]
    print(f"| (no budget) cold AssumeRole vs the AWS CLI | {r:.1f}x faster | — |")
for n, what in [("status", "`status`"), ("hook_cd_plain", "`hook-env`"), ("list_names", "`list --names`")]:
    if m.get(n) and m["trivial"]:
        r = m[n]["median"] / m["trivial"]["median"]
        print(f"| prompt path: {what}, one process, within 1.5x of the trivial binary | {r:.2f}x | {verdict(r <= 1.5)} |")
if m["each"] and m["each_curl_one"]:
    r = m["each"]["median"] / m["each_curl_one"]["median"]
    print(f"| `exec --each` over 50 cold profiles within 1.5x of curl making the same 50 requests, 8 at a time | {r:.2f}x | {verdict(r <= 1.5)} |")
if m["each"] and m["each_curl"]:
    r = m["each"]["median"] / m["each_curl"]["median"]
    print(f"| (no budget) `exec --each` vs 50 curl processes, 8 at a time (`xargs -P 8`) | {r:.2f}x | — |")
mb = bin_bytes / 1e6
print(f"| release binary at most 7 MB stripped, one static binary | {mb:.2f} MB ({bin_bytes} bytes), {linkage} | {verdict(bin_bytes <= 7_000_000)} |")
if m.get("hook_idle"):
    print("| hook, idle prompt: no process started | none (counted with strace by tests/e2e_hooks_*) | **met** |")
print()
if m.get("hook_cd_plain") or m.get("hook_enter_cached"):
    print("## Hooks")
    print()
    print("| path | median | budget |")
    print("|---|---:|---|")
    if m.get("bash_prompt"):
        print(f"| bash prompt with no hook (floor) | {ms('bash_prompt')} | — |")
    if m.get("hook_cd_plain"):
        print(f"| `cd` to a directory without a config | {ms('hook_cd_plain')} | ≤ 2 ms |")
    if m.get("hook_enter_cached"):
        print(f"| entering a trusted directory, cache hit | {ms('hook_enter_cached')} | ≤ 3 ms |")
    if m.get("hook_idle"):
        per = m["hook_idle"]["median"] / 1000 * 1000  # µs per prompt, bash start included
        print(f"| idle prompt (1,000 in one bash, bash's own start included) | ≤ {per:.0f} µs each | no process |")
    print()
if baseline_bytes:
    print("## Binary size")
    print()
    print("| release profile | size |")
    print("|---|---:|")
    print(f"| Cargo's default (opt-level 3, no LTO, 16 codegen units, unwind, not stripped) | {baseline_bytes / 1e6:.2f} MB |")
    print(f"| roleshift's (opt-level z, clap_builder at 3, fat LTO, 1 codegen unit, abort, stripped) | {bin_bytes / 1e6:.2f} MB |")
    print()
print("## Notes")
print()
print("- roleshift is one program: a static PIE on Linux (glibc's static libc, position-independent, so")
print("  ASLR stays). A cache hit and the prompt path parse their common shapes without building clap's")
print("  whole command tree (src/cli/fast.rs; a property test keeps it in agreement with clap).")
print("- awsume keeps no cache of role sessions, so its figure is an AssumeRole through boto3 each time.")
print("- The cold path builds the AWS SDK client by hand (no `aws_config::load_defaults`), so it pays for")
print("  one HTTP request and the process start, not for the SDK's configuration loading.")
