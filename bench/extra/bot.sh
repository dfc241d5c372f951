# shellcheck shell=bash
# The bot's row (issues 9 and 12), sourced by bench/run.sh after its loads, with its processes, HOST_ENV, start, stop,
# record and log in scope. Updates per second that RepitBot's bot handles for a menu press that reads the database (a
# linked tutor presses "My students" and gets the list of their students), against a bare Telegram.Bot echo bot on the
# same local Bot API server, both loaded by bench/BotLoad: BENCH_BOT_CHATS people (16), each in a closed loop (send,
# wait for the bot's answer, send again), for BENCH_DURATION after BENCH_BOT_WARMUP seconds unmeasured (30: every bot
# process starts fresh, while the HTTP rows' processes were warmed by the loads before them; at the bot's few dozen
# updates a second here, its CPU per update after 10 s of warm-up was about twice what it is after 60 s).
#
# Three runs, one bot process each, pointed at the load tool's server with TELEGRAM_API_BASE_URL and TELEGRAM_BOT_TOKEN:
#   bot_echo           bench/EchoBot
#   bot_monolith       role all (ENABLE_MICROSERVICES=false), Users and Auth in process
#   bot_microservices  role bot with ENABLE_MICROSERVICES=true and FALLBACK_TO_MONOLITH=true, as the guide's
#                      telegram-bot container runs, calling the User and Auth Services started by run.sh
# BENCH_BOT_ROWS picks some of them (default "echo monolith microservices"); BENCH_BOT_HOST_DLLS runs the monolith row
# once per host build listed (repeat them to alternate: "a.dll b.dll a.dll b.dll"), for a fix's before and after in one
# run; BENCH_BOT_ENV adds settings to RepitBot's bot process alone ("DOTNET_TieredPGO=0 ..."); with BENCH_PERF=1 and a
# long BENCH_DURATION, `perf record -p` the bot process whose pid the log names.
# Telegram's outgoing limits (30 messages a second, 1 per chat) are turned off (0) for the bot, as the login rate limit
# is lifted for the floods: they guard Telegram's servers, which are not in this picture (ADR 0019).

BOT_CHATS=${BENCH_BOT_CHATS:-16}
BOT_ROWS=" ${BENCH_BOT_ROWS:-echo monolith microservices} "
BOT_WARMUP=${BENCH_BOT_WARMUP:-30}
BOT_TOKEN="7000000001:bench-repitbot"
ECHO_TOKEN="7000000002:bench-echo"
BOT_LIMITS=(TELEGRAM_MAX_MESSAGES_PER_SECOND=0 TELEGRAM_MAX_CHAT_MESSAGES_PER_SECOND=0)
read -r -a BOT_EXTRA_ENV <<<"${BENCH_BOT_ENV:-}"
BOT_LIMITS+=("${BOT_EXTRA_ENV[@]}")
ECHO_DLL="$BENCH/EchoBot/bin/Release/net10.0/RepitBot.Bench.EchoBot.dll"
BOTLOAD_DLL="$BENCH/BotLoad/bin/Release/net10.0/RepitBot.Bench.BotLoad.dll"

log "bot: building the echo bot and the load tool"
dotnet build "$BENCH/EchoBot/RepitBot.Bench.EchoBot.csproj" -c Release -v q -nologo >>"$WORK/build.log" 2>&1 || { tail -n 40 "$WORK/build.log"; exit 1; }
dotnet build "$BENCH/BotLoad/RepitBot.Bench.BotLoad.csproj" -c Release -v q -nologo >>"$WORK/build.log" 2>&1 || { tail -n 40 "$WORK/build.log"; exit 1; }

# The tutors the people link to, each with three students so the list reads rows, made as the admin through the API;
# their codes (one a line, in the people's order) stay in the run's folder, which is deleted at the end.
log "bot: creating $BOT_CHATS tutors with three students each"
BOT_CODES="$WORK/bot-codes"
(umask 077 && : > "$BOT_CODES")
bot_create_user() {
  curl -sf -X POST "http://127.0.0.1:$ALL_PORT/api/v1/users" -H "$BEARER" -H 'content-type: application/json' -d "$1"
}
for tutor in $(seq 1 "$BOT_CHATS"); do
  created=$(bot_create_user "{\"full_name\":\"Bench Tutor $tutor\",\"role\":\"tutor\"}")
  jq -r .access_code <<<"$created" >> "$BOT_CODES"
  tutor_id=$(jq -r .user.id <<<"$created")
  for student in 1 2 3; do
    bot_create_user "{\"full_name\":\"Bench Student $tutor-$student\",\"role\":\"student\",\"tutor_id\":$tutor_id}" >/dev/null
  done
done

# bot_load ID LABEL MODE TOKEN "NAME=PID ..." NAME ENV... COMMAND...: the load tool and its server first, then the bot
# process pointed at it; one row of the report (updates/s, latency, CPU per update of the bot process and the other
# processes named), each process's share of the CPU, and how many calls the bot served in process because a service
# failed (the whole run, warm-up included); the bot process is stopped at the end.
bot_load() {
  local id=$1 label=$2 mode=$3 token=$4 others=$5 name=$6
  shift 6
  local api_port out="$RESULTS/$id.botload" pids_file="$WORK/$id.pids" load_pid bot_pid measured line result ticks by_pid other
  api_port=$(free_port)
  : > "$pids_file"
  dotnet "$BOTLOAD_DLL" --port "$api_port" --token "$token" --mode "$mode" --chats "$BOT_CHATS" --warmup "$BOT_WARMUP" \
    --duration "$DURATION" --codes "$BOT_CODES" --expect "Bench Student" --pids-file "$pids_file" \
    >"$out" 2>"$WORK/$id.botload.log" &
  load_pid=$!
  PIDS+=("$load_pid")
  until grep -q '^LISTENING ' "$out" 2>/dev/null; do
    if ! kill -0 "$load_pid" 2>/dev/null; then
      log "$id: the load tool stopped: $(cat "$WORK/$id.botload.log")"
      return 1
    fi
    sleep 0.1
  done
  start "$name" "$(free_port)" TELEGRAM_BOT_TOKEN="$token" TELEGRAM_API_BASE_URL="http://127.0.0.1:$api_port" "$@"
  bot_pid=$STARTED
  log "$id: the bot process is $bot_pid"
  measured=$bot_pid
  for other in $others; do
    measured="$measured ${other#*=}"
  done
  echo "$measured" > "$pids_file"
  if ! wait "$load_pid"; then
    log "$id: the load failed: $(tail -n 5 "$WORK/$id.botload.log"); the bot's log ends with: $(tail -n 5 "$WORK/$name.log")"
    stop "$bot_pid"
    return 1
  fi
  stop "$bot_pid"
  line=$(grep '^RESULT ' "$out")
  ticks=${line##*cpu_ticks=}
  by_pid=${line##*cpu_ticks_by_pid=}
  by_pid="${by_pid%% *},"
  result=${line% cpu_ticks_by_pid=*}
  result=${result#RESULT }
  by_pid=${by_pid//$bot_pid:/bot:}
  for other in $others; do
    by_pid=${by_pid//${other#*=}:/${other%%=*}:}
  done
  record "${id}_cpu_ticks_by_process" "${by_pid%,}"
  record "${id}_served_in_process" "$(grep -c 'served in process' "$WORK/$name.log" || true)"
  printf '%s\t%s\t%s\tcpu_ticks=%s\tclk_tck=%s\n' "$id" "$label" "$result" "$ticks" "$(getconf CLK_TCK)" >> "$RESULTS/rows"
  log "$id: $result, cpu ticks $ticks"
}

record bot_chats "$BOT_CHATS"
record clk_tck "$(getconf CLK_TCK)"
record bot_warmup_s "$BOT_WARMUP"
if [[ $BOT_ROWS == *" echo "* ]]; then
  bot_load bot_echo "bare Telegram.Bot echo bot (getUpdates, sendMessage back)" echo "$ECHO_TOKEN" "" \
    bot-echo dotnet "$ECHO_DLL" || log "bot_echo: no figure"
fi
if [[ $BOT_ROWS == *" monolith "* ]]; then
  for bot_host_dll in ${BENCH_BOT_HOST_DLLS:-$HOST_DLL}; do
    log "bot_monolith: $bot_host_dll"
    bot_load bot_monolith "RepitBot's bot, a tutor presses \"My students\", role \`all\`, monolith mode" menu "$BOT_TOKEN" "" \
      bot-all "${HOST_ENV[@]}" "${BOT_LIMITS[@]}" ENABLE_MICROSERVICES=false FALLBACK_TO_MONOLITH=true \
      dotnet "$bot_host_dll" --role all || log "bot_monolith: no figure"
  done
fi
if [[ $BOT_ROWS == *" microservices "* ]]; then
  bot_load bot_microservices "the same, role \`bot\` with Users and Auth as the real services (the guide's telegram-bot container)" \
    menu "$BOT_TOKEN" "users=$USERS_PID auth=$AUTH_PID" \
    bot-bot "${HOST_ENV[@]}" "${BOT_LIMITS[@]}" ENABLE_MICROSERVICES=true FALLBACK_TO_MONOLITH=true \
    USER_SERVICE_URL="http://127.0.0.1:$USERS_PORT" AUTH_SERVICE_URL="http://127.0.0.1:$AUTH_PORT" \
    dotnet "$HOST_DLL" --role bot || log "bot_microservices: no figure"
fi
