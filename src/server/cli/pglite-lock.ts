import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The embedded database admits one process. A lock file with our pid keeps a second
 * process (another `serve`, or a CLI command run directly) from opening it at the same time.
 */
export function acquirePgliteLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'pglite.lock');
  if (existsSync(path)) {
    const pid = Number(readFileSync(path, 'utf8').trim());
    if (Number.isInteger(pid) && pid !== process.pid && alive(pid)) {
      throw new Error(
        `組み込みデータベース（${dataDir}）はプロセス ${pid} が使用中です。サーバを停止するか、サーバ経由で実行してください。\n` +
          `The embedded database in ${dataDir} is in use by process ${pid}. Stop it, or run the command while the server is running so it is routed through the server.`,
      );
    }
  }
  writeFileSync(path, String(process.pid));
  return () => {
    try {
      if (readFileSync(path, 'utf8').trim() === String(process.pid)) rmSync(path);
    } catch {
      // already gone
    }
  };
}
