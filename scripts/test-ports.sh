# Sourced by the test-server scripts (pg-test-server.sh, redis-test-server.sh).

# A random port below the kernel's ephemeral range (ip_local_port_range). A port inside it can
# be taken while the server is stopped (a fault test's outage) by any outgoing connection's
# local port, or by a client reconnecting to it (TCP self-connect), and the restart on the
# same port then fails with "Address already in use".
random_port() {
  local low
  low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  if [ "$low" -gt 12000 ]; then
    echo $((10000 + RANDOM % (low - 10000)))
  else
    echo $((20000 + RANDOM % 40000))
  fi
}
