// A real WordPress for the plugin's tests: Debian's `wordpress` package copied into a folder of
// its own, on a MariaDB started for the run (its own data folder and socket, no network), served
// by PHP's built-in server on 127.0.0.1. Every process is started under `timeout`, so each
// stops by itself even if the tests die; `stop()` stops them at once.
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';

const ROOT = new URL('../../', import.meta.url).pathname;
const WORDPRESS = '/usr/share/wordpress';
/** The longest any server of a run lives, in seconds. */
const LIFETIME = 1200;

/** A free port on 127.0.0.1. */
const freePort = () => new Promise((resolve, reject) => {
  const server = createServer();
  server.listen(0, '127.0.0.1', () => {
    const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
    server.close(() => resolve(port));
  });
  server.on('error', reject);
});

/** Resolves once `ready()` holds, checking each time `poke` runs (a process's output, a retry). */
const until = async (/** @type {() => boolean} */ ready, /** @type {string} */ what, tries = 600) => {
  for (let i = 0; i < tries; i++) {
    if (ready()) return;
    // Yield to the event loop: the child's output and exit arrive meanwhile.
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not come up`);
};

export class Site {
  constructor() {
    this.dir = `${ROOT}target/wordpress`;
    this.site = `${this.dir}/site`;
    this.socket = `${this.dir}/mysqld.sock`;
    /** @type {import('node:child_process').ChildProcess[]} */
    this.children = [];
    this.url = '';
  }

  /** Database, files, server, install, the plugin copied in and activated. */
  async start() {
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
    const user = execFileSync('id', ['-un']).toString().trim();
    execFileSync('mariadb-install-db', ['--no-defaults', `--datadir=${this.dir}/db`, '--auth-root-authentication-method=normal', '--skip-test-db', `--user=${user}`], { stdio: 'ignore' });
    const db = spawn('timeout', [String(LIFETIME), 'mariadbd', '--no-defaults', `--datadir=${this.dir}/db`, `--socket=${this.socket}`,
      '--skip-networking', '--skip-grant-tables', `--user=${user}`, `--pid-file=${this.dir}/mysqld.pid`, `--log-error=${this.dir}/mysqld.log`], { stdio: 'ignore' });
    this.children.push(db);
    let dbGone = false;
    db.on('exit', () => { dbGone = true; });
    await until(() => {
      if (dbGone) throw new Error(`MariaDB stopped: ${readFileSync(`${this.dir}/mysqld.log`, 'utf8').slice(-2000)}`);
      if (!existsSync(this.socket)) return false;
      try { execFileSync('mariadb', ['--no-defaults', `--socket=${this.socket}`, '-e', 'CREATE DATABASE IF NOT EXISTS wordpress'], { stdio: 'ignore' }); return true; } catch { return false; }
    }, 'MariaDB');

    // Debian links some of WordPress's files to its own packages (underscore.js, getID3) by
    // relative paths: the copy takes their contents.
    cpSync(WORDPRESS, this.site, { recursive: true, dereference: true, filter: (src) => !src.endsWith('/.htaccess') });
    const salt = () => randomBytes(24).toString('hex');
    writeFileSync(`${this.site}/wp-config.php`, `<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'root' );
define( 'DB_PASSWORD', '' );
define( 'DB_HOST', 'localhost:${this.socket}' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
${['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'].map((k) => `define( '${k}', '${salt()}' );`).join('\n')}
$table_prefix = 'wp_';
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_DISPLAY', false );
define( 'WP_DEBUG_LOG', '${this.dir}/debug.log' );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'FS_METHOD', 'direct' );
if ( ! defined( 'ABSPATH' ) ) { define( 'ABSPATH', __DIR__ . '/' ); }
require_once ABSPATH . 'wp-settings.php';
`);
    cpSync(`${ROOT}target/woocommerce/cartlift`, `${this.site}/wp-content/plugins/cartlift`, { recursive: true });
    mkdirSync(`${this.site}/wp-content/mu-plugins`, { recursive: true });
    cpSync(`${ROOT}tests/wordpress/store-api-stand-in.php`, `${this.site}/wp-content/mu-plugins/store-api-stand-in.php`);

    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    const server = spawn('timeout', [String(LIFETIME), 'php', '-S', `127.0.0.1:${port}`, '-t', this.site], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.children.push(server);
    let listening = false;
    server.stderr?.on('data', (d) => { if (/Development Server .* started/.test(String(d))) listening = true; });
    await until(() => listening, 'PHP\'s server');
    this.wp('install');
    this.wp('theme', 'twentytwentythree');
    return this;
  }

  /** Runs tests/wordpress/wp.php inside the site; its JSON answer. */
  wp(/** @type {string[]} */ ...args) {
    const out = execFileSync('php', [`${ROOT}tests/wordpress/wp.php`, this.site, this.url, ...args], { encoding: 'utf8' });
    return JSON.parse(out.trim().split('\n').pop() ?? 'null');
  }

  /** The debug log's PHP notices and errors (nothing is expected). */
  log() {
    return existsSync(`${this.dir}/debug.log`) ? readFileSync(`${this.dir}/debug.log`, 'utf8') : '';
  }

  stop() {
    for (const child of this.children) child.kill('SIGTERM');
  }
}
