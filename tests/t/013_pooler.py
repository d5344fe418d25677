"""Clients of a transaction-pooling pgbouncer for tests/t/013_pooler.pl.

  013_pooler.py clients HOST PORT RUN TXNS
      20 concurrent clients (4 roles r0..r3, 5 clients each) run TXNS
      transactions each through the pooler.  Every statement that reads a
      tagged column carries a comment naming the run, client, transaction
      and the purpose the client declared in that transaction
      ("want=none": it declared none), so the audit trail can be checked
      statement by statement.  Prints "statements N" on success.
  013_pooler.py report CONNINFO
      pdp.purpose as reported to the client (ParameterStatus) at start, in
      a block after SET, after COMMIT; one line "report a|b|c".

Kinds of clients, by number i (role r{i % 4}, own purpose pp_{i // 4}):
  i == 0      the "rogue": session-level SET pdp.purpose = 'pp_rogue' in
              autocommit (then reads declaring nothing) and inside blocks
  i % 3 == 0  BEGIN; SET LOCAL pdp.purpose; read; COMMIT
  i % 3 == 1  declares nothing: reads in autocommit or in a block
  i % 3 == 2  BEGIN; SET pdp.purpose (session level); read; COMMIT
Uses only what Debian ships: /usr/bin/python3 and psycopg 3.
"""
import random
import sys
import threading

import psycopg

NCLIENTS = 20
NROLES = 4


def client(i, host, port, run, txns, counts, errors):
    rnd = random.Random(i * 7919 + len(run))
    role = "r%d" % (i % NROLES)
    mine = "pp_%d" % (i // NROLES)
    n = 0
    try:
        # prepare_threshold=None: no protocol-level prepared statements,
        # which pgbouncer before 1.21 cannot keep in transaction mode
        conn = psycopg.connect(host=host, port=port, dbname="postgres", user=role,
                               application_name="c%d" % i, autocommit=True,
                               prepare_threshold=None)
        cur = conn.cursor()

        def read(t, want, k=0):
            nonlocal n
            cur.execute("SELECT full_name FROM customers WHERE id = %d "
                        "/* pp run=%s c=%d t=%d.%d want=%s */"
                        % (rnd.randint(1, 1000), run, i, t, k, want))
            cur.fetchall()
            n += 1

        for t in range(txns):
            if i == 0:
                if t % 2 == 0:
                    # takes effect for no statement with scope transaction;
                    # stays on the server connection with scope session
                    cur.execute("SET pdp.purpose = 'pp_rogue'")
                    read(t, "none")
                else:
                    cur.execute("BEGIN")
                    cur.execute("SET pdp.purpose = 'pp_rogue'")
                    read(t, "pp_rogue")
                    cur.execute("COMMIT")
            elif i % 3 == 0:
                cur.execute("BEGIN")
                cur.execute("SET LOCAL pdp.purpose = '%s'" % mine)
                read(t, mine)
                cur.execute("COMMIT")
            elif i % 3 == 1:
                if t % 2 == 0:
                    read(t, "none")
                else:
                    cur.execute("BEGIN")
                    read(t, "none", 0)
                    read(t, "none", 1)
                    cur.execute("COMMIT")
            else:
                cur.execute("BEGIN")
                cur.execute("SET pdp.purpose = '%s'" % mine)
                read(t, mine)
                cur.execute("COMMIT")
        conn.close()
    except Exception as e:  # reported by the main thread
        errors.append("client %d: %s" % (i, e))
    counts[i] = n


def clients(host, port, run, txns):
    counts = [0] * NCLIENTS
    errors = []
    threads = [threading.Thread(target=client,
                                args=(i, host, int(port), run, int(txns), counts, errors))
               for i in range(NCLIENTS)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    if errors:
        for e in errors:
            print(e, file=sys.stderr)
        return 1
    print("statements %d" % sum(counts))
    return 0


def report(conninfo):
    conn = psycopg.connect(conninfo, autocommit=True)
    seen = [conn.info.parameter_status("pdp.purpose")]
    conn.execute("BEGIN")
    conn.execute("SET pdp.purpose = 'pp_0'")
    seen.append(conn.info.parameter_status("pdp.purpose"))
    conn.execute("COMMIT")
    seen.append(conn.info.parameter_status("pdp.purpose"))
    conn.close()
    print("report " + "|".join("<none>" if s is None else s for s in seen))
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "clients":
        sys.exit(clients(*sys.argv[2:6]))
    sys.exit(report(sys.argv[2]))
