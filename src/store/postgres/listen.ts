/**
 * LISTEN/NOTIFY: every instance keeps one dedicated connection listening on
 * `rutinsvar_index` and is told the id of each newly published version. A
 * broken connection is re-opened; on (re)connect the current version is
 * reported once, so a notification missed while disconnected is caught up.
 */
import type pg from "pg";
import { currentVersion } from "./load.js";
import { migrate } from "./schema.js";
import { VERSION_CHANNEL } from "./sql-client.js";

export interface VersionListener {
  /** Stops listening and gives the connection back. */
  close(): Promise<void>;
}

/** Delay before re-opening a broken listening connection. */
const RECONNECT_MS = 1000;

/**
 * Calls `onVersion(id)` for every version published after this starts (and
 * once with the current version after each reconnect). Resolves once listening.
 */
export async function listenForVersions(
  pool: pg.Pool,
  onVersion: (version: string) => void,
  log: (msg: string, err?: unknown) => void = () => {},
): Promise<VersionListener> {
  let closed = false;
  let client: pg.PoolClient | null = null;
  let timer: NodeJS.Timeout | null = null;

  const onNotification = (msg: pg.Notification) => {
    if (msg.channel === VERSION_CHANNEL && msg.payload) onVersion(msg.payload);
  };

  async function connect(reconnecting: boolean): Promise<void> {
    await migrate(pool);
    const c = await pool.connect();
    c.on("notification", onNotification);
    c.on("error", (err) => {
      log("PostgreSQL: lyssnaranslutningen bröts; ansluter igen", err);
      if (client === c) client = null;
      c.release(err);
      scheduleReconnect();
    });
    await c.query(`LISTEN ${VERSION_CHANNEL}`);
    if (closed) {
      c.release();
      return;
    }
    client = c;
    if (reconnecting) {
      const v = await currentVersion(pool);
      if (v) onVersion(v);
    }
  }

  function scheduleReconnect() {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      connect(true).catch((err: unknown) => {
        log("PostgreSQL: kunde inte lyssna på nya indexversioner", err);
        scheduleReconnect();
      });
    }, RECONNECT_MS);
  }

  await connect(false);
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      if (c) {
        await c.query(`UNLISTEN ${VERSION_CHANNEL}`).catch(() => undefined);
        c.release();
      }
    },
  };
}
