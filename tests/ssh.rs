//! End-to-end over a real SSH connection: an `sshd` of the test's own on 127.0.0.1, the reader
//! opened with `ssh -tt` from a pseudo-terminal, a flag made, and then the connection dropped.
//!
//! Everything lives in one temporary folder: the host key, the client key, the authorized-keys
//! file, the sshd configuration, its log, and the reader's state, cache and configuration. The
//! client runs with `-F /dev/null` and its own key and known-hosts file, so the user's `~/.ssh`
//! (and any agent) is never read or written. The server listens on 127.0.0.1 only, on a free port.
//!
//! When the test cannot run (no `/usr/sbin/sshd`, no `ssh`, sshd refuses to start, the login is
//! refused) it prints `skipped: ...` and passes. Under `CI=true` it fails instead: `.ci/run`
//! installs OpenSSH when it is missing, so a skip there would hide a broken install.
//!
//! Every wait polls with a generous limit; nothing asserts on how long anything takes. The server,
//! the client and anything left of the session are killed when the test's values are dropped, so
//! a failing test leaves nothing running.

#![cfg(unix)]

mod common;
use common::*;

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

const BIN: &str = env!("CARGO_BIN_EXE_brief");
const BRIEFINGS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/briefings");
const SSHD: &str = "/usr/sbin/sshd";

/// How long a wait may take before the test fails. Generous on purpose: this is for a loaded
/// CI machine, not a measure of speed.
const TIMEOUT: Duration = Duration::from_secs(15);
/// How long the reader may take to go away once its connection is gone.
const GONE_TIMEOUT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(25);

/// The newest shipped briefing: the one selected when the reader opens.
const NEWEST: &str = "2026-01-20-valmora-grid-intrusion";

/// The test cannot run here: skip it with a visible message, or fail under `CI=true`, where
/// `.ci/run` has installed OpenSSH and a skip would hide a broken install.
fn cannot_run<T>(reason: &str) -> Option<T> {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("the SSH end-to-end test cannot run under CI=true: {reason}");
    }
    // Straight to stderr, not `eprintln!`: the test harness swallows what a passing test prints
    // with the macros, and a skip must be seen.
    let test = thread::current().name().unwrap_or("ssh").to_string();
    let _ = writeln!(std::io::stderr(), "skipped: {test}: {reason}");
    None
}

fn in_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
}

/// One word for a POSIX shell: the remote command goes through the user's login shell.
fn sh_quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', r"'\''"))
}

fn text(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_default()
}

/// The last lines of a log, for failure messages.
fn log_tail(path: &Path) -> String {
    let log = text(path);
    let lines: Vec<&str> = log.lines().collect();
    lines[lines.len().saturating_sub(30)..].join("\n")
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Runs `cmd` to its end, killing it after `TIMEOUT`; `None` if it could not start or ran over.
fn run_bounded(mut cmd: Command) -> Option<(std::process::ExitStatus, String)> {
    let out = tempfile::tempfile().ok()?;
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(out.try_clone().ok()?)
        .stderr(out.try_clone().ok()?)
        .spawn()
        .ok()?;
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().ok()? {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        thread::sleep(POLL);
    };
    let mut output = String::new();
    let mut out = out;
    use std::io::Seek;
    out.rewind().ok()?;
    out.read_to_string(&mut output).ok()?;
    Some((status, output))
}

/// A process: its id, parent and command line.
struct Process {
    pid: u32,
    ppid: u32,
    argv: Vec<String>,
}

/// Every process we can see, from `/proc`.
fn processes() -> Vec<Process> {
    let Ok(entries) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|s| s.parse().ok()) else {
            continue;
        };
        let dir = entry.path();
        let (Ok(stat), Ok(cmdline)) = (
            fs::read_to_string(dir.join("stat")),
            fs::read(dir.join("cmdline")),
        ) else {
            continue;
        };
        // `pid (comm) state ppid ...`; comm may hold spaces and parentheses.
        let Some(ppid) = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse().ok())
        else {
            continue;
        };
        let argv = cmdline
            .split(|&b| b == 0)
            .filter(|a| !a.is_empty())
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect();
        found.push(Process { pid, ppid, argv });
    }
    found
}

/// Processes whose command line mentions `marker` (what `pgrep -f marker` finds), but not this
/// test's own process.
fn mentioning(marker: &str) -> Vec<Process> {
    let me = std::process::id();
    processes()
        .into_iter()
        .filter(|p| p.pid != me && p.argv.iter().any(|a| a.contains(marker)))
        .collect()
}

fn describe(processes: &[Process]) -> String {
    processes
        .iter()
        .map(|p| format!("  {} {}\n", p.pid, p.argv.join(" ")))
        .collect()
}

fn kill(signal: &str, pid: u32) -> bool {
    Command::new("kill")
        .args([signal, &pid.to_string()])
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// An `sshd` of our own on 127.0.0.1, with everything it needs in a temporary folder.
struct Server {
    dir: tempfile::TempDir,
    port: u16,
    user: String,
    ssh: PathBuf,
    sshd: std::process::Child,
}

impl Server {
    /// Starts the server and checks that our key logs in; `None` (after saying why) when the
    /// test cannot run here.
    fn start() -> Option<Server> {
        if !Path::new(SSHD).is_file() {
            return cannot_run(&format!(
                "no {SSHD} (Debian: apt-get install openssh-server)"
            ));
        }
        let Some(ssh) = in_path("ssh") else {
            return cannot_run("no `ssh` in PATH (Debian: apt-get install openssh-client)");
        };
        let Some(keygen) = in_path("ssh-keygen") else {
            return cannot_run("no `ssh-keygen` in PATH (Debian: apt-get install openssh-client)");
        };
        if !Path::new("/proc/self/cmdline").exists() {
            return cannot_run("no /proc to look for processes left behind");
        }
        let user = match Command::new("id").arg("-un").output() {
            Ok(out) if out.status.success() => {
                String::from_utf8_lossy(&out.stdout).trim().to_string()
            }
            _ => return cannot_run("`id -un` does not say who we are"),
        };

        let dir = tempfile::Builder::new()
            .prefix("brief-ssh-")
            .tempdir()
            .expect("temp dir");
        for (key, what) in [("host_key", "host"), ("client_key", "client")] {
            let path = dir.path().join(key);
            let mut cmd = Command::new(&keygen);
            cmd.args(["-q", "-t", "ed25519", "-N", "", "-C"])
                .arg(format!("brief-ssh-test-{what}"))
                .arg("-f")
                .arg(&path);
            match run_bounded(cmd) {
                Some((status, _)) if status.success() => {}
                Some((status, out)) => {
                    return cannot_run(&format!("ssh-keygen failed ({status}): {out}"));
                }
                None => return cannot_run("ssh-keygen did not run"),
            }
        }
        fs::copy(
            dir.path().join("client_key.pub"),
            dir.path().join("authorized_keys"),
        )
        .expect("write authorized_keys");

        // sshd (as root) insists on its privilege separation directory.
        let privsep = Path::new("/run/sshd");
        if is_root() && !privsep.is_dir() {
            use std::os::unix::fs::PermissionsExt;
            if let Err(e) = fs::create_dir_all(privsep)
                .and_then(|()| fs::set_permissions(privsep, fs::Permissions::from_mode(0o755)))
            {
                return cannot_run(&format!("cannot create {}: {e}", privsep.display()));
            }
        }

        let config = dir.path().join("sshd_config");
        let log = dir.path().join("sshd.log");
        // A free port can be taken by someone else between our look and sshd's bind: try again.
        let mut last_log = String::new();
        for _ in 0..10 {
            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .and_then(|l| l.local_addr())
                .expect("a free port on 127.0.0.1")
                .port();
            fs::write(&config, sshd_config(dir.path(), port, &user)).expect("write sshd_config");
            let log_file = fs::File::create(&log).expect("create the sshd log");
            let sshd = Command::new(SSHD)
                .arg("-D")
                .arg("-e")
                .arg("-f")
                .arg(&config)
                .stdin(Stdio::null())
                .stdout(log_file.try_clone().expect("log file"))
                .stderr(log_file)
                .spawn();
            let mut sshd = match sshd {
                Ok(sshd) => sshd,
                Err(e) => return cannot_run(&format!("cannot run {SSHD}: {e}")),
            };
            let listening = format!("Server listening on 127.0.0.1 port {port}");
            let start = Instant::now();
            let up = loop {
                if text(&log).contains(&listening) {
                    break true;
                }
                if !matches!(sshd.try_wait(), Ok(None)) || start.elapsed() > TIMEOUT {
                    break false;
                }
                thread::sleep(POLL);
            };
            if up {
                let server = Server {
                    dir,
                    port,
                    user,
                    ssh,
                    sshd,
                };
                return server.check_login();
            }
            // It has exited, or never said it was listening: in both cases it is not ours to use.
            let _ = sshd.kill();
            let _ = sshd.wait();
            last_log = log_tail(&log);
            if !last_log.contains("Address already in use") {
                break;
            }
        }
        cannot_run(&format!("sshd refuses to start; its log:\n{last_log}"))
    }

    /// A command that needs no terminal, to tell a server or login problem (a reason to skip)
    /// from a problem of the reader's (a failure).
    fn check_login(self) -> Option<Server> {
        let mut cmd = Command::new(&self.ssh);
        cmd.args(self.ssh_options())
            .arg("-T")
            .arg(self.destination())
            .arg("true");
        match run_bounded(cmd) {
            Some((status, _)) if status.success() => Some(self),
            Some((status, out)) => cannot_run(&format!(
                "`ssh {} true` failed ({status}): {out}\nsshd's log:\n{}",
                self.destination(),
                log_tail(&self.log())
            )),
            None => cannot_run(&format!(
                "`ssh {} true` did not finish; sshd's log:\n{}",
                self.destination(),
                log_tail(&self.log())
            )),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn log(&self) -> PathBuf {
        self.path().join("sshd.log")
    }

    /// The reader's state folder. Its path is unique to this test and is on the reader's
    /// command line (`--state-dir`), so it also finds the reader's process.
    fn state_dir(&self) -> PathBuf {
        self.path().join("state")
    }

    fn state_marker(&self) -> String {
        self.state_dir().to_str().expect("a UTF-8 temp path").into()
    }

    fn destination(&self) -> String {
        format!("{}@127.0.0.1", self.user)
    }

    /// Options that keep the client away from the user's own configuration, keys, agent and
    /// known hosts.
    fn ssh_options(&self) -> Vec<String> {
        let p = |name: &str| self.path().join(name).display().to_string();
        [
            "-F",
            "/dev/null",
            "-i",
            &p("client_key"),
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "IdentityAgent=none",
            "-o",
            &format!("UserKnownHostsFile={}", p("known_hosts")),
            "-o",
            "GlobalKnownHostsFile=/dev/null",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "BatchMode=yes",
            "-o",
            "ConnectTimeout=10",
            // No "Permanently added" or "Connection closed" lines in the terminal's output.
            "-o",
            "LogLevel=ERROR",
            "-p",
            &self.port.to_string(),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    /// What the server runs: the reader on the shipped briefings, with every folder it uses in
    /// the temporary one.
    fn remote_command(&self) -> String {
        let p = |name: &str| self.path().join(name).display().to_string();
        let state = self.state_marker();
        [
            "env".to_string(),
            format!("HOME={}", p("home")),
            format!("BRIEF_STATE_DIR={state}"),
            format!("XDG_CACHE_HOME={}", p("cache")),
            format!("XDG_CONFIG_HOME={}", p("config")),
            format!("XDG_STATE_HOME={}", p("xdg-state")),
            "TERM=xterm-256color".to_string(),
            BIN.to_string(),
            "--state-dir".to_string(),
            state,
            BRIEFINGS.to_string(),
        ]
        .iter()
        .map(|w| sh_quote(w))
        .collect::<Vec<_>>()
        .join(" ")
    }

    /// `ssh -tt USER@127.0.0.1 brief ...` in a pseudo-terminal of 80x24.
    fn connect(&self) -> Client {
        let mut cmd = CommandBuilder::new(&self.ssh);
        cmd.args(self.ssh_options());
        cmd.arg("-tt");
        cmd.arg(self.destination());
        cmd.arg(self.remote_command());
        cmd.cwd(self.path());
        cmd.env_clear();
        cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        cmd.env("HOME", self.path());
        cmd.env("TERM", "xterm-256color");
        Client::spawn(cmd, 24, 80, self.log())
    }

    /// The reader's process on the server side, once it is there.
    fn remote_reader(&self) -> u32 {
        let marker = self.state_marker();
        let start = Instant::now();
        loop {
            let found: Vec<_> = mentioning(&marker)
                .into_iter()
                .filter(|p| p.argv.first().map(String::as_str) == Some(BIN))
                .collect();
            match found.as_slice() {
                [one] => return one.pid,
                [] if start.elapsed() < TIMEOUT => thread::sleep(POLL),
                _ => panic!(
                    "looking for one remote reader, found:\n{}\nsshd's log:\n{}",
                    describe(&found),
                    log_tail(&self.log())
                ),
            }
        }
    }

    /// Waits until no process mentions the state folder any more: the reader, and the shell or
    /// `env` that started it, are gone.
    fn assert_nothing_left(&self) {
        let marker = self.state_marker();
        let start = Instant::now();
        loop {
            let left = mentioning(&marker);
            if left.is_empty() {
                return;
            }
            if start.elapsed() > GONE_TIMEOUT {
                panic!(
                    "processes left behind after the session ended:\n{}sshd's log:\n{}",
                    describe(&left),
                    log_tail(&self.log())
                );
            }
            thread::sleep(POLL);
        }
    }

    /// The flag on the newest briefing is on disk, and `brief flags` lists it.
    fn assert_newest_flagged(&self) {
        let path = self.state_dir().join("state.jsonl");
        let state =
            fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path:?}: {e}"));
        assert!(
            state.contains(r#""op":"flag""#),
            "no flag in the state file:\n{state}"
        );
        assert!(
            state.contains(NEWEST),
            "the flag is not on {NEWEST}:\n{state}"
        );

        let out = Command::new(BIN)
            .arg("flags")
            .arg("--json")
            .arg("--state-dir")
            .arg(self.state_dir())
            .arg(BRIEFINGS)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.path().join("home"))
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("XDG_CACHE_HOME", self.path().join("cache"))
            .env("XDG_STATE_HOME", self.path().join("xdg-state"))
            .stdin(Stdio::null())
            .output()
            .expect("run brief flags");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "brief flags failed: {:?}\nstdout:\n{stdout}\nstderr:\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        let flags: serde_json::Value = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("brief flags --json: {e}\n{stdout}"));
        let targets: Vec<&str> = flags
            .as_array()
            .expect("a JSON array")
            .iter()
            .map(|f| f["target"].as_str().expect("target is a string"))
            .collect();
        assert_eq!(targets, vec![NEWEST], "brief flags --json:\n{stdout}");
    }
}

fn sshd_config(dir: &Path, port: u16, user: &str) -> String {
    let p = |name: &str| format!("\"{}\"", dir.join(name).display());
    format!(
        "\
Port {port}
ListenAddress 127.0.0.1
HostKey {host_key}
PidFile {pid_file}
AuthorizedKeysFile {authorized_keys}
AllowUsers {user}
# The keys live in a temporary folder, not in a home with strict permissions.
StrictModes no
UsePAM no
# CI runs as root. Keys only: no passwords.
PermitRootLogin yes
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
# Nothing of the user's own runs or is written at login.
PermitUserRC no
PermitUserEnvironment no
PrintMotd no
PrintLastLog no
UseDNS no
X11Forwarding no
AllowAgentForwarding no
AllowTcpForwarding no
LogLevel INFO
",
        host_key = p("host_key"),
        pid_file = p("sshd.pid"),
        authorized_keys = p("authorized_keys"),
    )
}

impl Drop for Server {
    /// Kills sshd, every process under it (the sessions) and anything that still mentions the
    /// temporary folder (a reader that outlived its session): all of them started by this test.
    fn drop(&mut self) {
        let sshd = self.sshd.id();
        let all = processes();
        let mut doomed = vec![sshd];
        let mut i = 0;
        while i < doomed.len() {
            let parent = doomed[i];
            doomed.extend(all.iter().filter(|p| p.ppid == parent).map(|p| p.pid));
            i += 1;
        }
        if let Some(marker) = self.path().to_str() {
            doomed.extend(mentioning(marker).iter().map(|p| p.pid));
        }
        doomed.sort_unstable();
        doomed.dedup();
        for pid in doomed {
            kill("-KILL", pid);
        }
        let _ = self.sshd.wait();
    }
}

/// The `ssh -tt` client running in a pseudo-terminal, its screen parsed with `vt100`.
struct Client {
    writer: Option<Box<dyn Write + Send>>,
    child: Box<dyn Child + Send + Sync>,
    pid: u32,
    raw: Arc<Mutex<Vec<u8>>>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Set by the reading thread when the master side reached the end (the client is gone).
    drained: Arc<AtomicBool>,
    status: Option<ExitStatus>,
    /// sshd's log, for failure messages.
    log: PathBuf,
    // Last: the master is closed after the child is gone.
    _master: Box<dyn MasterPty + Send>,
}

impl Client {
    fn spawn(cmd: CommandBuilder, rows: u16, cols: u16, log: PathBuf) -> Client {
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pair = native_pty_system().openpty(size).expect("open a pty");
        let child = pair.slave.spawn_command(cmd).expect("spawn ssh in the pty");
        // Only the child may hold the slave side, so that reading the master ends when it exits.
        drop(pair.slave);
        let pid = child.process_id().expect("the child's pid");
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");

        let raw = Arc::new(Mutex::new(Vec::new()));
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let drained = Arc::new(AtomicBool::new(false));
        {
            let (raw, parser, drained) = (raw.clone(), parser.clone(), drained.clone());
            thread::spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match reader.read(&mut buf) {
                        Ok(0) => break,
                        Ok(n) => {
                            // One lock order everywhere: parser, then raw.
                            let mut parser = parser.lock().unwrap();
                            parser.process(&buf[..n]);
                            raw.lock().unwrap().extend_from_slice(&buf[..n]);
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                        // EIO once the child closed its side.
                        Err(_) => break,
                    }
                }
                drained.store(true, Ordering::SeqCst);
            });
        }
        Client {
            writer: Some(writer),
            child,
            pid,
            raw,
            parser,
            drained,
            status: None,
            log,
            _master: pair.master,
        }
    }

    /// Types keys (raw bytes as a terminal sends them).
    fn send(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("pty writer");
        writer
            .write_all(keys.as_bytes())
            .expect("write keys to the pty");
        writer.flush().expect("flush keys");
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    fn failure(&mut self, what: &str) -> String {
        let exited = match self.child.try_wait() {
            Ok(Some(status)) => format!("ssh exited: {status:?}"),
            _ => "ssh is still running".to_string(),
        };
        format!(
            "timed out waiting for {what} ({exited}); the screen:\n{}\noutput ends:\n{}\nsshd's log:\n{}",
            dump(&self.screen()),
            tail(&self.raw()),
            log_tail(&self.log)
        )
    }

    /// Waits until every one of `texts` is on the screen; fails with the screen after `TIMEOUT`.
    fn wait_for_all(&mut self, texts: &[&str]) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if texts.iter().all(|t| screen.contains(t)) {
                return screen;
            }
            if start.elapsed() > TIMEOUT {
                let message = self.failure(&format!("all of {texts:?} on screen"));
                panic!("{message}");
            }
            thread::sleep(POLL);
        }
    }

    /// Waits for the client to end and for its last output to be read.
    fn wait_exit(&mut self) -> ExitStatus {
        if let Some(status) = &self.status {
            return status.clone();
        }
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            if start.elapsed() > TIMEOUT {
                let message = self.failure("the ssh session to end");
                panic!("{message}");
            }
            thread::sleep(POLL);
        };
        self.status = Some(status.clone());
        let start = Instant::now();
        while !self.drained.load(Ordering::SeqCst) {
            if start.elapsed() > TIMEOUT {
                panic!("the pty never reached its end after ssh exited");
            }
            thread::sleep(POLL);
        }
        status
    }

    /// Drops the connection the hard way: SIGKILL to the local `ssh`, which can say nothing to
    /// the server first. The server only sees the TCP connection end.
    fn kill(&mut self) {
        assert!(kill("-KILL", self.pid), "kill -KILL {} failed", self.pid);
        self.wait_exit();
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if self.status.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            kill("-KILL", self.pid);
            let _ = self.child.wait();
        }
        // Dropping the writer types EOF into the pty; only after the child is gone.
        self.writer.take();
    }
}

/// The terminal at the far end of the connection was given back: the alternate screen left and
/// the cursor shown after the last time the reader took it over, the cursor not hidden again,
/// and no frame drawn on the user's own screen afterwards.
fn assert_restored(client: &Client) {
    assert_restored_terminal(&client.raw(), client.parser.lock().unwrap().screen());
}

/// Connects, waits for the reader and flags the selected (newest) briefing.
fn open_and_flag(server: &Server) -> Client {
    let mut client = server.connect();
    client.wait_for_all(&["Briefings"]);
    client.send("f");
    // The whole status line, the end of the frame: what follows should find the reader idle.
    client.wait_for_all(&["Flagged", "⚑ 1 "]);
    client
}

/// The connection drops under the reader (the local `ssh` is killed with SIGKILL): the flag is
/// on disk and the reader does not outlive its session.
#[test]
fn dropped_connection_keeps_the_flag_and_leaves_no_reader() {
    let Some(server) = Server::start() else {
        return;
    };
    let mut client = open_and_flag(&server);
    client.kill();
    server.assert_nothing_left();
    server.assert_newest_flagged();
}

/// SIGHUP to the reader on the server while the client stays connected (what a hangup does,
/// but with a client still there to see the last bytes): the terminal is restored at the user's
/// end, the session ends, and the flag is on disk.
#[test]
fn hangup_over_ssh_restores_the_terminal() {
    let Some(server) = Server::start() else {
        return;
    };
    let mut client = open_and_flag(&server);
    let reader = server.remote_reader();
    assert!(kill("-HUP", reader), "kill -HUP {reader} failed");
    client.wait_exit();
    assert_restored(&client);
    server.assert_nothing_left();
    server.assert_newest_flagged();
}
