"""Writes the figures of one bench/run.sh run into docs/BENCHMARKS.md.

Only the part between the two markers is replaced; what is written around it by hand (the profile, the fixes) stays.
Usage: python3 bench/report.py RESULTS_FOLDER REPORT_FILE
"""

import csv
import os
import re
import sys

BEGIN = "<!-- bench:begin (written by bench/run.sh; edit outside these markers) -->"
END = "<!-- bench:end -->"


def read_values(folder):
    values = {}
    with open(os.path.join(folder, "values"), encoding="utf-8") as lines:
        for line in lines:
            key, _, value = line.rstrip("\n").partition("=")
            values[key] = value
    return values


def read_rows(folder):
    rows = {}
    path = os.path.join(folder, "rows")
    if not os.path.exists(path):
        return rows
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            row_id, label, result, ticks, clk = line.rstrip("\n").split("\t")
            fields = dict(pair.split("=") for pair in result.split())
            requests = int(fields["requests"])
            seconds = int(fields["duration_us"]) / 1e6
            tick_text = ticks.split("=")[1]
            cpu_seconds = int(tick_text) / int(clk.split("=")[1]) if tick_text else None
            rows[row_id] = {
                "label": label,
                "requests": requests,
                "rps": requests / seconds if seconds else 0.0,
                "p50_ms": int(fields["p50_us"]) / 1000,
                "p99_ms": int(fields["p99_us"]) / 1000,
                "failed": int(fields["non2xx"]) + int(fields["socket_errors"]),
                "cpu_us": cpu_seconds * 1e6 / requests if requests and cpu_seconds is not None else None,
                "clk_tck": int(clk.split("=")[1]),
            }
    return rows


def number(text):
    """A BenchmarkDotNet figure such as '1,481.89 ns' or '3.95 KB' in nanoseconds or bytes."""
    match = re.match(r"([\d,.]+)\s*(\w+)?", text.strip())
    if not match:
        return None
    value = float(match.group(1).replace(",", ""))
    unit = match.group(2) or ""
    scale = {"ns": 1, "us": 1e3, "μs": 1e3, "ms": 1e6, "s": 1e9, "B": 1, "KB": 1024, "MB": 1024 * 1024}.get(unit, 1)
    return value * scale


def read_micro(folder):
    micro = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith("-report.csv"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as table:
            for row in csv.DictReader(table):
                micro[row["Method"]] = {"mean_ns": number(row["Mean"]), "allocated_b": number(row["Allocated"])}
    return micro


def ratio(value, base):
    return f"{value / base * 100:.1f}%" if value is not None and base else "n/a"


def verdict(ok):
    return "n/a (not measured)" if ok is None else ("**met**" if ok else "**not met**")


def render_gateway(rows, values):
    """The gateway's rows side by side: each call direct, through the deployed template, and without upstream keepalive."""
    if "gateway_user" not in rows:
        return []
    out = [f"The gateway (bench/extra/gateway.sh, {values.get('gateway_nginx', 'nginx')}): each call loaded direct and "
           "then through Nginx running docker/nginx's template, back to back. The deployed template keeps connections "
           "to the services open (`upstream` blocks with `keepalive`; compose's nginx 1.27.5 also re-resolves their "
           "names); the last columns render the same template without its `keepalive` lines, so each request opens and "
           "closes a connection to the service, as before docs/adr/0023.", ""]
    out.append("| call | direct requests/s | through the gateway | share of direct | without keepalive | share of direct "
               "| CPU µs per request (Nginx's part): direct, gateway, without keepalive |")
    out.append("|---|---|---|---|---|---|---|")
    for key, name in (("user", "`GET /api/v1/users/{id}`, role `users`, bearer token"),
                      ("validate", "`POST /api/v1/auth/validate`, role `auth`, service credential")):
        direct, through, closing = (rows.get(f"gateway_{key}{suffix}", {}) for suffix in ("_direct", "", "_closing"))
        def cpu(row, suffix):
            if row.get("cpu_us") is None:
                return "n/a"
            part = values.get(f"gateway_{key}{suffix}_part_ticks")
            if part is None or not row["requests"]:
                return f"{row['cpu_us']:.0f}"
            return f"{row['cpu_us']:.0f} (Nginx {int(part) / row['clk_tck'] * 1e6 / row['requests']:.0f})"
        cpus = f"{cpu(direct, '_direct')}, {cpu(through, '')}, {cpu(closing, '_closing')}"
        shown = lambda row: f"{row['rps']:,.0f}" if row else "n/a"
        out.append(f"| {name} | {shown(direct)} | {shown(through)} | {ratio(through.get('rps'), direct.get('rps'))} | "
                   f"{shown(closing)} | {ratio(closing.get('rps'), direct.get('rps'))} | {cpus} |")
    out.append("")
    return out


def render_bot(values, bot_rows):
    """The bot's row (bench/extra/bot.sh): updates per second against the echo bot on the same local Bot API server."""
    out = []
    out.append(f"The bot (bench/extra/bot.sh): {values.get('bot_chats', '?')} people on one local Bot API server "
               "(bench/BotLoad, in the load tool's process), each in a closed loop: send, wait for the bot's next "
               f"message in that chat, send again; {values.get('duration_s')} s measured after "
               f"{values.get('bot_warmup_s', '?')} s of the same load unmeasured (each bot process starts fresh). An "
               "update counts when its answer is the expected one (the same text from the echo bot, the list of the "
               "tutor's students from RepitBot); a wrong or missing answer (30 s) is a failure. CPU per update: the bot "
               "process, plus the User and Auth Services in microservices mode; the load tool's own CPU is not counted.")
    out.append("")
    out.append("| bot | updates/s | share of the echo bot | share of monolith mode | p50 ms | p99 ms | CPU µs per update | failed |")
    out.append("|---|---|---|---|---|---|---|---|")
    echo = bot_rows.get("bot_echo", {}).get("rps")
    monolith = bot_rows.get("bot_monolith", {}).get("rps")
    for key, row in bot_rows.items():
        cpu = f"{row['cpu_us']:.0f}" if row["cpu_us"] is not None else "n/a"
        of_monolith = ratio(row["rps"], monolith) if key == "bot_microservices" else ""
        out.append(f"| {row['label']} | {row['rps']:,.0f} | {ratio(row['rps'], echo)} | {of_monolith} | "
                   f"{row['p50_ms']:.2f} | {row['p99_ms']:.2f} | {cpu} | {row['failed']} |")
    out.append("")
    split = values.get("bot_microservices_cpu_ticks_by_process")
    micro_row = bot_rows.get("bot_microservices")
    if split and micro_row and micro_row["requests"]:
        clk = int(values.get("clk_tck", "100"))
        parts = []
        for part in split.split(","):
            name, _, ticks = part.partition(":")
            parts.append(f"{name} {int(ticks) / clk * 1e6 / micro_row['requests']:.0f} µs")
        out.append("Microservices mode, CPU per update by process: " + ", ".join(parts) + "; calls the bot served in "
                   f"process because a service failed (timeout, 5xx, open circuit), warm-up included: "
                   f"{values.get('bot_microservices_served_in_process', 'n/a')}.")
        out.append("")
    return out


def render(values, rows, micro):
    out = []
    out.append(f"Run of {values.get('date', '?')} at commit {values.get('commit', '?')}: "
               f"{values.get('nproc')} cores ({values.get('cpu')}), {values.get('memory_mb')} MB of memory, "
               f"load average before the report {values.get('load_average')}; .NET SDK {values.get('dotnet')}, "
               f"{values.get('postgres')}, {values.get('wrk')}. Each load: `wrk -t{values.get('threads')} "
               f"-c{values.get('connections')} -d{values.get('duration_s')}s` over loopback after {values.get('warmup_s')} s "
               "of the same load unmeasured; the machine is shared, "
               "so compare ratios and CPU per request, not requests/s across runs.")
    out.append("")
    out.append("CPU per request is the CPU time (user + system, from `/proc/PID/stat`) that the processes serving the "
               "call spent during the load, divided by the requests served: for the host rows the sum of the User "
               "Service, the Auth Service and role `all` (only the ones the call reaches do work), for the baselines "
               "the baseline process.")
    out.append("")
    out.append("| call | requests/s | share of the bare endpoint | p50 ms | p99 ms | CPU µs per request | failed |")
    out.append("|---|---|---|---|---|---|---|")
    bare = rows.get("bare", {}).get("rps")
    bot_rows = {key: row for key, row in rows.items() if key.startswith("bot_")}
    for key, row in rows.items():
        if key in bot_rows:
            continue
        cpu = f"{row['cpu_us']:.0f}" if row["cpu_us"] is not None else "n/a"
        out.append(f"| {row['label']} | {row['rps']:,.0f} | {ratio(row['rps'], bare)} | {row['p50_ms']:.2f} | "
                   f"{row['p99_ms']:.2f} | {cpu} | {row['failed']} |")
    if not bot_rows:
        out.append("| the bot: updates per second against a bare Telegram.Bot echo bot on the same local Bot API server | "
                   "not measured in this run (bench/extra/bot.sh) | | | | | |")
    if "gateway_user" not in rows:
        out.append("| the gateway against the same call direct | added by the deployment issue (11) | | | | | |")
    out.append("")
    out.extend(render_gateway(rows, values))

    if bot_rows:
        out.extend(render_bot(values, bot_rows))
    out.append("| start and memory | figure |")
    out.append("|---|---|")
    kb = lambda key: f"{int(values[key]) / 1024:.0f} MB" if key in values else "n/a"
    out.append(f"| role `all` on SQLite, first start on an empty data folder (migrations, first admin), to `/health` 200 | "
               f"{values.get('sqlite_start_ms_first', 'n/a')} ms |")
    out.append(f"| the same, restart on that folder | {values.get('sqlite_start_ms_restart', 'n/a')} ms |")
    out.append(f"| role `all` on SQLite, idle RSS after the first start | {kb('sqlite_idle_rss_kb')} |")
    if "sqlite_start_ms_r2r_first" in values:
        out.append(f"| the first start from a ReadyToRun publish (`dotnet publish -r linux-x64`) | {values['sqlite_start_ms_r2r_first']} ms |")
        out.append(f"| its restart | {values.get('sqlite_start_ms_r2r_restart', 'n/a')} ms |")
        out.append(f"| its idle RSS after the first start | {kb('sqlite_r2r_idle_rss_kb')} |")
    out.append(f"| role `all` on PostgreSQL, idle RSS after start | {kb('all_idle_rss_kb')} |")
    out.append(f"| role `all` on PostgreSQL, RSS after every load above | {kb('all_after_load_rss_kb')} |")
    out.append(f"| wrong-code logins served during the floods (auth, all) | {values.get('validate_flood_logins', 'n/a')}, "
               f"{values.get('user_flood_logins', 'n/a')} |")
    out.append("")

    if micro:
        out.append("BenchmarkDotNet 0.15.8 (in process, short run; mean per call):")
        out.append("")
        out.append("| micro-benchmark | mean | allocated |")
        out.append("|---|---|---|")
        names = {
            "BaselineRules": "JWT validation of the same token, no HTTP, the baseline's rules (key, issuer, audience)",
            "HostRules": "the same token by the host's rules (`AccessTokenValidation`: also type, kid, lifetime on the app clock)",
            "DirectCall": "an in-process module call made directly",
            "RoutedCall": "the same call through the module router (credential check, flags, dispatch, metrics)",
        }
        for method, figures in micro.items():
            mean = figures["mean_ns"]
            shown = f"{mean / 1000:.2f} µs" if mean and mean >= 1000 else f"{mean:.1f} ns"
            out.append(f"| {names.get(method, method)} | {shown} | {figures['allocated_b']:.0f} B |")
        out.append("")

    def rps(key):
        return rows.get(key, {}).get("rps")

    def p99(key):
        return rows.get(key, {}).get("p99_ms")

    budgets = []
    validate, user, hybrid = rps("validate"), rps("user"), rps("user_hybrid")
    budgets.append(("`POST /api/v1/auth/validate` throughput, role `auth`", ">= 50% of the bare endpoint",
                    ratio(validate, bare), None if not (validate and bare) else validate / bare >= 0.5))
    budgets.append(("`GET /api/v1/users/{id}` on PostgreSQL with the token checked, role `all`", ">= 35% of the bare endpoint",
                    ratio(user, bare), None if not (user and bare) else user / bare >= 0.35))
    floor = rps("floor")
    if floor and user:
        budgets.append(("(for reference) the floor: JwtBearer plus the same read through Npgsql alone, no host",
                        "what any read that goes to PostgreSQL can reach here", f"{ratio(floor, bare)}; the host's read is {ratio(user, floor)} of it", None))
    budgets.append(("the same in hybrid mode through a real User Service", ">= 50% of monolith mode",
                    ratio(hybrid, user), None if not (hybrid and user) else hybrid / user >= 0.5))
    for key, name in (("user", "`GET /api/v1/users/{id}`"), ("validate", "`POST /api/v1/auth/validate`")):
        through, direct = rps(f"gateway_{key}"), rps(f"gateway_{key}_direct")
        budgets.append((f"{name} through the gateway (Nginx, docker/nginx's template)", ">= 70% of the same call direct",
                        ratio(through, direct), None if not (through and direct) else through / direct >= 0.7))
    routed, direct = micro.get("RoutedCall", {}).get("mean_ns"), micro.get("DirectCall", {}).get("mean_ns")
    over = None if routed is None or direct is None else routed - direct
    budgets.append(("the module router (flag check + dispatch) on an in-process call", "<= 2 µs over a direct call",
                    "n/a" if over is None else f"{over / 1000:.2f} µs over", None if over is None else over <= 2000))
    for key, name in (("validate", "`/validate`"), ("user", "`GET /users/{id}`")):
        flooded, calm = p99(f"{key}_flood"), p99(key)
        budgets.append((f"{name} p99 while `/login` is flooded with wrong codes", "<= 2x the p99 without the flood",
                        "n/a" if not (flooded and calm) else f"{flooded:.1f} ms vs {calm:.1f} ms ({flooded / calm:.1f}x)",
                        None if not (flooded and calm) else flooded <= 2 * calm))
    reads, writes = rows.get("failover_reads"), rows.get("failover_writes")
    recovery = values.get("failover_recovery_s")
    if reads and writes and recovery is not None:
        failed = reads["failed"] + writes["failed"]
        back = float(recovery) if re.fullmatch(r"[\d.]+", recovery) else None
        figure = (f"{failed} failed of {reads['requests'] + writes['requests']:,}; p99 {reads['p99_ms']:.0f} ms (reads), "
                  f"{writes['p99_ms']:.0f} ms (writes, bcrypt-bound, not held to the limit); remote back {recovery} s after the return")
        budgets.append(("hybrid mode, User Service killed under steady load of reads and writes",
                        "no request fails; p99 <= 250 ms while the circuit opens; remote traffic back within 30 s", figure,
                        failed == 0 and reads["p99_ms"] <= 250 and back is not None and back <= 30))
    else:
        budgets.append(("hybrid mode, User Service killed under steady load of reads and writes",
                        "no request fails; p99 <= 250 ms while the circuit opens; remote traffic back within 30 s", "not measured", None))
    echo, monolith, micro_bot = rps("bot_echo"), rps("bot_monolith"), rps("bot_microservices")
    budgets.append(("the bot, a menu press that reads the database, monolith mode", ">= 25% of the echo bot",
                    ratio(monolith, echo), None if not (monolith and echo) else monolith / echo >= 0.25))
    budgets.append(("the same, role `bot` with Users and Auth as services", ">= 50% of monolith mode",
                    ratio(micro_bot, monolith), None if not (micro_bot and monolith) else micro_bot / monolith >= 0.5))
    start = values.get("sqlite_start_ms_first")
    budgets.append(("role `all`, start to `/health` 200 on SQLite (first start)", "<= 2 s",
                    f"{start} ms" if start else "n/a", None if not start else int(start) <= 2000))
    r2r = values.get("sqlite_start_ms_r2r_first")
    if r2r:
        budgets.append(("the same from a ReadyToRun publish (first start)", "<= 2 s", f"{r2r} ms", int(r2r) <= 2000))
    idle = values.get("sqlite_idle_rss_kb")
    budgets.append(("idle RSS (role `all`, SQLite)", "<= 150 MB", kb("sqlite_idle_rss_kb"), None if not idle else int(idle) <= 150 * 1024))
    after = values.get("all_after_load_rss_kb")
    budgets.append(("RSS after the load above (role `all`)", "<= 250 MB", kb("all_after_load_rss_kb"), None if not after else int(after) <= 250 * 1024))

    out.append("| budget | limit | this run | |")
    out.append("|---|---|---|---|")
    for name, limit, figure, ok in budgets:
        out.append(f"| {name} | {limit} | {figure} | {'reference' if name.startswith('(for reference)') else verdict(ok)} |")
    return "\n".join(out)


def main():
    folder, report = sys.argv[1], sys.argv[2]
    generated = render(read_values(folder), read_rows(folder), read_micro(folder))
    block = f"{BEGIN}\n{generated}\n{END}"
    if os.path.exists(report):
        with open(report, encoding="utf-8") as existing:
            text = existing.read()
    else:
        text = "# Benchmarks\n\nWritten by `bash bench/run.sh` (see the README).\n\n" + BEGIN + "\n" + END + "\n"
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    os.makedirs(os.path.dirname(os.path.abspath(report)), exist_ok=True)
    with open(report, "w", encoding="utf-8") as output:
        output.write(text)


if __name__ == "__main__":
    main()
