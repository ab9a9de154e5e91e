#!/usr/bin/env bash
# Execution time of Polyv's page reads on PostgreSQL in three forms (docs/benchmarks.md,
# "PostgreSQL: a page in one statement"): the count then the LIMIT/OFFSET page (two statements,
# as before issue 13 item 4; the page only when the offset is below the count), the page with a
# window count(*) OVER (), and sql::page_statement (the count beside a LATERAL page).
#
#   bench/explain-pages.sh postgresql://…/DB   # a database seeded by `mediagate seed --videos N`
#   N=9 DEEP=150000 JIT=on bench/explain-pages.sh …   # runs per form, the deep offset, jit
#
# Prints a Markdown table: min over N of `EXPLAIN (ANALYZE, TIMING OFF)`'s Execution Time, ms.
# The names (account b0f7041324 without its owner, channel 2300009, group ga1ayl6dh2 …) are the
# seed's (seed 1).
set -u
DB=$1; N=${N:-5}
V="vid, cataid, title, context, times, first_image, tag, aac_link, status, uploader_email, ptime"
S="session_id, start_time, end_time, custom_id"
A="email, date, type, origin, origin_text, space, flow, channels, concurrences, duration"
et() {
  local best=""
  for i in $(seq $N); do
    t=$(psql "$DB" -Atc "SET jit = ${JIT:-off}; EXPLAIN (ANALYZE, TIMING OFF) $1" | sed -n 's/^Execution Time: \([0-9.]*\) ms/\1/p')
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
  done
  echo "$best"
}
case_() { # name cols from where order limit offset
  local name=$1 cols=$2 from=$3 where=$4 ord=$5 lim=$6 off=$7
  local fw="$from WHERE $where"
  local n c p w l
  n=$(psql "$DB" -Atc "SELECT count(*) $fw")
  # before: the count then the page, one after the other as the server sends them (so each
  # finds the shared buffers the other left), min over N of their sum
  local pair=""
  for i in $(seq $N); do
    local t1 t2=0
    t1=$(psql "$DB" -Atc "SET jit = ${JIT:-off}; EXPLAIN (ANALYZE, TIMING OFF) SELECT count(*) $fw" | sed -n 's/^Execution Time: \([0-9.]*\) ms/\1/p')
    if [ "$off" -lt "$n" ]; then t2=$(psql "$DB" -Atc "SET jit = ${JIT:-off}; EXPLAIN (ANALYZE, TIMING OFF) SELECT $cols $fw $ord LIMIT $lim OFFSET $off" | sed -n 's/^Execution Time: \([0-9.]*\) ms/\1/p'); fi
    local sum; sum=$(awk "BEGIN{print $t1+$t2}")
    if [ -z "$pair" ] || awk "BEGIN{exit !($sum < $pair)}"; then pair=$sum; fi
  done
  c=$pair; p=0
  w=$(et "SELECT $cols, count(*) OVER () AS total $fw $ord LIMIT $lim OFFSET $off")
  l=$(et "SELECT page_rows.*, page_total.n FROM (SELECT count(*) AS n $fw) AS page_total LEFT JOIN LATERAL (SELECT $cols $from WHERE page_total.n > $off AND ($where) $ord LIMIT $lim OFFSET $off) AS page_rows ON true")
  printf '| %-30s | %8s | %9.3f | %9s | %9s |\n' "$name" "$n" "$(awk "BEGIN{print $c+$p}")" "$w" "$l"
}
DEEP=${DEEP:-100000}
VF="FROM polyv_videos"; VW="user_id = 'b0f7041324' AND uploader_email <> 'owner@zzs.com'"
echo "| case | rows | before: count + page | window count | after: one statement |"
echo "|---|--:|--:|--:|--:|"
case_ "vod p1, ptime desc" "$V" "$VF" "$VW" "ORDER BY ptime DESC, vid ASC" 20 0
case_ "vod deep, ptime desc" "$V" "$VF" "$VW" "ORDER BY ptime DESC, vid ASC" 20 $DEEP
case_ "vod p1, times asc" "$V" "$VF" "$VW" "ORDER BY times ASC, vid ASC" 20 0
case_ "vod p1, published, ptime asc" "$V" "$VF" "$VW AND status IN ('60','61')" "ORDER BY ptime ASC, vid ASC" 20 0
case_ "vod p1, one uploader" "$V" "$VF" "user_id = 'b0f7041324' AND uploader_email = 'test1@zzs.com'" "ORDER BY ptime DESC, vid ASC" 20 0
case_ "vod p1, two categories" "$V" "$VF" "$VW AND cataid = ANY('{1682973130741,1674802224344}'::bigint[])" "ORDER BY ptime DESC, vid ASC" 20 0
case_ "vod past the end" "$V" "$VF" "$VW" "ORDER BY ptime DESC, vid ASC" 20 100000000
case_ "sessions p1, 2 months" "$S" "FROM polyv_sessions" "channel_id = '2300009' AND start_time BETWEEN 1761955200000 AND 1767225599000" "ORDER BY start_time DESC, session_id ASC" 20 0
case_ "sessions p1, all" "$S" "FROM polyv_sessions" "channel_id = '2300009' AND start_time BETWEEN 0 AND 1767225599000" "ORDER BY start_time DESC, session_id ASC" 20 0
case_ "group log p1, 3 emails" "$A" "FROM polyv_allocations" "app_id = 'ga1ayl6dh2' AND email = ANY('{chenjie@polyv.com,huangmin@polyv.com,other@polyv.com}'::text[])" "ORDER BY date DESC, id ASC" 20 0
case_ "group log deep, 3 emails" "$A" "FROM polyv_allocations" "app_id = 'ga1ayl6dh2' AND email = ANY('{chenjie@polyv.com,huangmin@polyv.com,other@polyv.com}'::text[])" "ORDER BY date DESC, id ASC" 20 1000
