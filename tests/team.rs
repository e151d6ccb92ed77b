//! Team follow-ups with real Unix users on one host, and with real git clones.
//!
//! The one-host tests create users and a group with `useradd` / `groupadd` (and remove them
//! afterwards), so they need root: CI runs as root. Elsewhere they print why they skipped, and
//! fail under `CI=true`. The git test needs only `git`.

use std::fs;
use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use nix::unistd::{Group, User};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_brief");
const KESTREL: &str = "kestrel-strait-tanker-seizure";
const VELORIA: &str = "2025-03-02-veloria-port-strike";
/// A TLP:RED briefing of the shipped set.
const VALMORA: &str = "2026-01-20-valmora-grid-intrusion";

/// Whether the one-host tests can run; if not, says why (and fails under CI=true).
fn can_make_users(test: &str) -> bool {
    let root = nix::unistd::Uid::effective().is_root();
    let tools = ["/usr/sbin/useradd", "/usr/sbin/groupadd"]
        .iter()
        .all(|t| Path::new(t).exists());
    if root && tools {
        return true;
    }
    let why = if root {
        "useradd or groupadd is missing"
    } else {
        "creating Unix users needs root"
    };
    eprintln!("{test}: skipped: {why}");
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{test} must run under CI ({why})"
    );
    false
}

fn unique(prefix: &str) -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    format!(
        "{prefix}{}x{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

fn ok(cmd: &mut Command) {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A member of the host: a Unix user with a home of their own in the test folder.
struct Member {
    name: String,
    uid: u32,
    gid: u32,
    home: PathBuf,
}

/// A shared host set up as the README says: a team group, a folder `chmod 3770` owned by it,
/// and users in the group (and one outside it). Removes its users and group when dropped.
struct Host {
    root: tempfile::TempDir,
    group: String,
    gid: u32,
    team: PathBuf,
    briefings: PathBuf,
    users: Vec<String>,
}

impl Host {
    fn new() -> Host {
        let root = tempfile::tempdir().unwrap();
        fs::set_permissions(root.path(), fs::Permissions::from_mode(0o755)).unwrap();
        let group = unique("btg");
        ok(Command::new("groupadd").arg(&group));
        let gid = Group::from_name(&group).unwrap().unwrap().gid.as_raw();
        let team = root.path().join("team");
        fs::create_dir(&team).unwrap();
        std::os::unix::fs::chown(&team, Some(0), Some(gid)).unwrap();
        fs::set_permissions(&team, fs::Permissions::from_mode(0o3770)).unwrap();
        let briefings = root.path().join("briefings");
        ok(Command::new("cp")
            .arg("-r")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings"))
            .arg(&briefings));
        ok(Command::new("chmod").args(["-R", "a+rX"]).arg(&briefings));
        Host {
            root,
            group,
            gid,
            team,
            briefings,
            users: Vec::new(),
        }
    }

    /// A new user, in the team group unless `outsider`.
    fn member(&mut self, outsider: bool) -> Member {
        let name = unique("btu");
        let mut add = Command::new("useradd");
        add.args(["-M", "-N", "-s", "/usr/sbin/nologin"]);
        if !outsider {
            add.args(["-g", &self.group]);
        }
        ok(add.arg(&name));
        self.users.push(name.clone());
        let user = User::from_name(&name).unwrap().unwrap();
        let home = self.root.path().join(&name);
        fs::create_dir(&home).unwrap();
        std::os::unix::fs::chown(&home, Some(user.uid.as_raw()), Some(user.gid.as_raw())).unwrap();
        fs::set_permissions(&home, fs::Permissions::from_mode(0o700)).unwrap();
        Member {
            name,
            uid: user.uid.as_raw(),
            gid: user.gid.as_raw(),
            home,
        }
    }

    /// `brief ARGS` as `who`, with the team from BRIEF_TEAM_DIR.
    fn brief(&self, who: &Member, args: &[&str]) -> Output {
        self.as_user(who, BIN, args)
    }

    fn as_user(&self, who: &Member, program: &str, args: &[&str]) -> Output {
        Command::new(program)
            .args(args)
            .current_dir(self.root.path())
            .env_clear()
            .env("PATH", "/usr/local/bin:/usr/bin:/bin")
            .env("HOME", &who.home)
            .env("XDG_CONFIG_HOME", who.home.join("config"))
            .env("XDG_STATE_HOME", who.home.join("state"))
            .env("BRIEF_DIR", &self.briefings)
            .env("BRIEF_TEAM_DIR", &self.team)
            // What a login shell could claim: brief must take the name from the uid.
            .env("USER", "someone-else")
            .env("LOGNAME", "someone-else")
            .uid(who.uid)
            .gid(who.gid)
            .output()
            .unwrap()
    }

    fn file(&self, who: &Member) -> PathBuf {
        self.team.join(format!("{}.jsonl", who.name))
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        for user in &self.users {
            let _ = Command::new("userdel").arg(user).output();
        }
        let _ = Command::new("groupdel").arg(&self.group).output();
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

#[track_caller]
fn succeeded(out: &Output) {
    assert_eq!(
        code(out),
        0,
        "stdout: {}\nstderr: {}",
        stdout(out),
        stderr(out)
    );
}

fn json(out: &Output) -> Vec<Value> {
    succeeded(out);
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn find<'a>(rows: &'a [Value], by: &str, target: &str) -> Option<&'a Value> {
    rows.iter().find(|r| r["by"] == by && r["target"] == target)
}

#[test]
fn members_see_assign_and_close_each_others_flags() {
    if !can_make_users("members_see_assign_and_close_each_others_flags") {
        return;
    }
    let mut host = Host::new();
    let alice = host.member(false);
    let bob = host.member(false);
    let carol = host.member(false);
    let quote = format!("{KESTREL}/actor/lanxia");

    succeeded(&host.brief(
        &alice,
        &["flag", &quote, "--to", &bob.name, "--note", "chase it"],
    ));
    succeeded(&host.brief(&carol, &["flag", VELORIA]));

    // The file is alice's, named after her login (not $USER), readable by the team only.
    let meta = fs::metadata(host.file(&alice)).unwrap();
    assert_eq!(meta.uid(), alice.uid);
    assert_eq!(
        meta.gid(),
        host.gid,
        "the setgid folder gives the team group"
    );
    assert_eq!(meta.mode() & 0o777, 0o640);

    // Bob's list with a team: his own and those assigned to him, marked with who asked.
    let bobs = json(&host.brief(&bob, &["flags", "--json"]));
    assert_eq!(bobs.len(), 1, "{bobs:?}");
    let row = find(&bobs, &alice.name, &quote).expect("assigned flag in bob's list");
    assert_eq!(row["assigned_to"], bob.name.as_str());
    assert_eq!(row["note"], "chase it");
    assert_eq!(row["done_by"], Value::Null);
    let text = stdout(&host.brief(&bob, &["flags"]));
    assert!(
        text.contains(&format!("by {}, assigned to {}", alice.name, bob.name)),
        "{text}"
    );

    // The whole team with --team.
    let team = host.team.to_str().unwrap();
    let all = json(&host.brief(&bob, &["flags", "--team", team, "--json"]));
    assert!(find(&all, &carol.name, VELORIA).is_some(), "{all:?}");
    assert!(find(&all, &alice.name, &quote).is_some(), "{all:?}");
    let markdown = stdout(&host.brief(&bob, &["--team", team, "flags", "--markdown"]));
    assert!(
        markdown.contains(&format!("## {}", alice.name)),
        "{markdown}"
    );
    assert!(
        markdown.contains(&format!("## {}", carol.name)),
        "{markdown}"
    );

    // Bob marks it done; alice sees who did.
    succeeded(&host.brief(&bob, &["done", &quote]));
    let open = json(&host.brief(&alice, &["flags", "--team", team, "--json"]));
    assert!(
        find(&open, &alice.name, &quote).is_none(),
        "done is not open: {open:?}"
    );
    let every = json(&host.brief(&alice, &["flags", "--team", team, "--json", "--all"]));
    let row = find(&every, &alice.name, &quote).unwrap();
    assert_eq!(row["status"], "done");
    assert_eq!(row["done_by"], bob.name.as_str());
    assert_eq!(row["by"], alice.name.as_str());
    // Bob wrote that in his own file only.
    assert_eq!(fs::metadata(host.file(&bob)).unwrap().uid(), bob.uid);

    // Alice flags it again: open again for everyone (a second later than bob's mark, as the
    // journals keep whole seconds and a tie goes to the assignee).
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let out = host.brief(&alice, &["flag", &quote]);
    succeeded(&out);
    assert!(stdout(&out).starts_with("reopened"), "{}", stdout(&out));
    let bobs = json(&host.brief(&bob, &["flags", "--json"]));
    let row = find(&bobs, &alice.name, &quote).expect("open again in bob's list");
    assert_eq!(row["status"], "open");
    assert_eq!(row["done_by"], Value::Null);
}

#[test]
fn no_member_can_change_anothers_flags() {
    if !can_make_users("no_member_can_change_anothers_flags") {
        return;
    }
    let mut host = Host::new();
    let alice = host.member(false);
    let bob = host.member(false);
    let outsider = host.member(true);
    let assigned = format!("{KESTREL}/actor/sorvane");
    let unassigned = format!("{KESTREL}/actor/lmsb");
    succeeded(&host.brief(&alice, &["flag", &assigned, "--to", &bob.name]));
    succeeded(&host.brief(&alice, &["flag", &unassigned]));
    let path = host.file(&alice);
    let before = fs::read(&path).unwrap();

    // Through brief: refused with exit 1, naming the owner, nothing changed.
    for args in [
        vec!["unflag", assigned.as_str()],
        vec!["unflag", unassigned.as_str()],
        vec!["done", unassigned.as_str()],
    ] {
        let out = host.brief(&bob, &args);
        assert_eq!(code(&out), 1, "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(&format!("{}'s flag", alice.name)),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(fs::read(&path).unwrap(), before);
    assert!(!host.file(&bob).exists() || fs::read(host.file(&bob)).unwrap().len() < 100);

    // Through plain file access: write, truncate, remove, rename, replace, all refused.
    let p = path.to_str().unwrap();
    let team = host.team.to_str().unwrap();
    for who in [&bob, &outsider] {
        for script in [
            format!("echo x >> '{p}'"),
            format!(": > '{p}'"),
            format!("rm -f '{p}'"),
            format!("mv '{p}' '{team}/gone.jsonl'"),
            format!("echo x > '{team}/t' && mv -f '{team}/t' '{p}'"),
            format!("chmod 666 '{p}'"),
        ] {
            let out = host.as_user(who, "/bin/sh", &["-c", &script]);
            assert_ne!(code(&out), 0, "{script} as {} succeeded", who.name);
        }
    }
    assert_eq!(fs::read(&path).unwrap(), before);
    // The outsider cannot even read the team's files.
    let out = host.as_user(&outsider, "/bin/cat", &[p]);
    assert_ne!(code(&out), 0);

    // Alice herself still can.
    succeeded(&host.brief(&alice, &["unflag", &unassigned]));
}

#[test]
fn a_forged_file_is_ignored_with_a_warning_naming_its_owner() {
    if !can_make_users("a_forged_file_is_ignored_with_a_warning_naming_its_owner") {
        return;
    }
    let mut host = Host::new();
    let alice = host.member(false);
    let bob = host.member(false);
    let mallory = host.member(false);
    let team = host.team.to_str().unwrap();
    // Mallory writes a journal in bob's name before bob ever used brief, with escape
    // sequences in every string she can.
    let forged = format!(
        "{{\"brief_state\":1,\"generation\":0}}\n\
         {{\"op\":\"flag\",\"target\":\"{VELORIA}\",\"at\":\"2026-11-24T15:00:00Z\",\"title\":\"t\",\"text\":\"x\",\"note\":\"\\u001b]0;pwned\\u0007\",\"to\":\"{}\"}}\n",
        alice.name
    );
    let script = format!(
        "printf '%s' '{}' > '{team}/{}.jsonl'",
        forged.replace('\'', ""),
        bob.name
    );
    succeeded(&host.as_user(&mallory, "/bin/sh", &["-c", &script]));

    let out = host.brief(&alice, &["flags", "--team", team, "--json"]);
    let rows = json(&out);
    assert!(rows.is_empty(), "the forged flag counted: {rows:?}");
    let warning = stderr(&out);
    assert!(warning.starts_with("brief: warning: "), "{warning}");
    assert!(
        warning.contains(&format!("{}.jsonl", bob.name)),
        "{warning}"
    );
    assert!(
        warning.contains(&format!("owned by {}", mallory.name)),
        "{warning}"
    );

    // Bob's own flags are refused rather than written into mallory's file.
    let out = host.brief(&bob, &["flag", VELORIA]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains(&mallory.name), "{}", stderr(&out));

    // A symbolic link in the folder is not followed.
    succeeded(&host.brief(&alice, &["flag", VELORIA]));
    let link = format!(
        "ln -s '{team}/{}.jsonl' '{team}/{}x.jsonl'",
        alice.name, mallory.name
    );
    succeeded(&host.as_user(&mallory, "/bin/sh", &["-c", &link]));
    let out = host.brief(&alice, &["flags", "--team", team, "--json"]);
    assert_eq!(json(&out).len(), 1);
    assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));

    // Hostile text in a member's own file never reaches the terminal raw.
    let hostile = format!(
        "{{\"brief_state\":1,\"generation\":0}}\n\
         {{\"op\":\"flag\",\"target\":\"{KESTREL}\",\"at\":\"2026-11-24T15:00:00Z\",\"title\":\"\\u001b[2J\",\"text\":\"x\",\"note\":\"\\u001b]52;c;AAAA\\u0007\",\"to\":\"\\u001b[31m\"}}\n"
    );
    let script = format!("printf '%s' '{hostile}' > '{team}/{}.jsonl'", mallory.name);
    succeeded(&host.as_user(&mallory, "/bin/sh", &["-c", &script]));
    for args in [
        vec!["flags", "--team", team],
        vec!["flags", "--team", team, "--markdown"],
        vec!["flags", "--team", team, "--json"],
    ] {
        let out = host.brief(&alice, &args);
        succeeded(&out);
        assert!(!out.stdout.contains(&0x1b), "{args:?}: {}", stdout(&out));
        assert!(!out.stderr.contains(&0x1b), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn red_flags_stay_private_unless_shared() {
    if !can_make_users("red_flags_stay_private_unless_shared") {
        return;
    }
    let mut host = Host::new();
    let alice = host.member(false);
    let bob = host.member(false);
    let team = host.team.to_str().unwrap();
    let out = host.brief(&alice, &["flag", VALMORA, "--note", "source?"]);
    succeeded(&out);
    assert!(stderr(&out).contains("TLP:RED"), "{}", stderr(&out));
    // Alice still sees it as hers; bob does not see it at all.
    let mine = json(&host.brief(&alice, &["flags", "--json"]));
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["shared"], false);
    assert_eq!(mine[0]["handling"], "RED");
    assert!(json(&host.brief(&bob, &["flags", "--team", team, "--json"])).is_empty());
    let out = host.brief(&alice, &["flag", VALMORA, "--to", &bob.name]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));

    // With share_red, a RED flag is shared, and its export keeps the marking.
    let config = bob.home.join("config/brief");
    fs::create_dir_all(&config).unwrap();
    fs::write(config.join("config.toml"), "share_red = true\n").unwrap();
    ok(Command::new("chown")
        .arg("-R")
        .arg(format!("{}:{}", bob.uid, bob.gid))
        .arg(bob.home.join("config")));
    succeeded(&host.brief(&bob, &["flag", VALMORA]));
    let markdown = stdout(&host.brief(&alice, &["flags", "--team", team, "--markdown"]));
    assert!(markdown.starts_with("**TLP:RED**"), "{markdown}");
}

/// Runs git in `dir`, failing the test on error.
fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .expect("git is installed")
}

#[track_caller]
fn git_ok(dir: &Path, args: &[&str]) {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?} in {}: {}{}",
        dir.display(),
        stdout(&out),
        stderr(&out)
    );
}

/// `brief ARGS` in a clone, as the member its configuration names.
fn brief_in(clone: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(clone)
        .env("XDG_CONFIG_HOME", clone.join(".config-for-test"))
        .env("BRIEF_STATE_DIR", clone.join(".state-for-test"))
        .env("BRIEF_DIR", clone.join("briefings"))
        .env("BRIEF_TEAM_DIR", clone.join("team"))
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

#[test]
fn git_clones_flag_concurrently_without_conflicts() {
    let root = tempfile::tempdir().unwrap();
    let bare = root.path().join("desk.git");
    git_ok(root.path(), &["init", "--bare", "-q", "desk.git"]);
    git_ok(&bare, &["symbolic-ref", "HEAD", "refs/heads/main"]);
    // The first member seeds the repository with the briefings and an empty team folder.
    let seed = root.path().join("seed");
    git_ok(
        root.path(),
        &["clone", "-q", bare.to_str().unwrap(), "seed"],
    );
    configure(&seed, "seed");
    git_ok(&seed, &["checkout", "-q", "-b", "main"]);
    ok(Command::new("cp")
        .arg("-r")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings"))
        .arg(seed.join("briefings")));
    fs::create_dir(seed.join("team")).unwrap();
    fs::write(seed.join("team/README"), "one journal per member\n").unwrap();
    fs::write(
        seed.join(".gitignore"),
        "team/*.lock\n.config-for-test/\n.state-for-test/\n",
    )
    .unwrap();
    git_ok(&seed, &["add", "-A"]);
    git_ok(
        &seed,
        &["commit", "-q", "-m", "briefings and the team folder"],
    );
    git_ok(&seed, &["push", "-q", "origin", "main"]);

    let members = ["alice", "bob"];
    let clones: Vec<PathBuf> = members
        .iter()
        .map(|name| {
            let clone = root.path().join(name);
            git_ok(root.path(), &["clone", "-q", bare.to_str().unwrap(), name]);
            configure(&clone, name);
            let config = clone.join(".config-for-test/brief");
            fs::create_dir_all(&config).unwrap();
            fs::write(config.join("config.toml"), format!("name = \"{name}\"\n")).unwrap();
            clone
        })
        .collect();

    let actors = [
        "lanxia",
        "sorvane",
        "lmsb",
        "shen-yuhan",
        "qianlan-shipping",
        "gu-mingzhe",
    ];
    let mut expected: Vec<(String, String)> = Vec::new();
    for round in 0..actors.len() / 2 {
        // Both flag, and commit, before either pushes: the second push must merge.
        for (i, (name, clone)) in members.iter().zip(&clones).enumerate() {
            let target = format!("{KESTREL}/actor/{}", actors[round * 2 + i]);
            let other = members[1 - i];
            let out = brief_in(
                clone,
                &[
                    "flag",
                    &target,
                    "--to",
                    other,
                    "--note",
                    &format!("round {round}"),
                ],
            );
            succeeded(&out);
            expected.push((name.to_string(), target));
            git_ok(clone, &["add", "-A", "team"]);
            git_ok(
                clone,
                &["commit", "-q", "-m", &format!("{name}: round {round}")],
            );
        }
        for clone in &clones {
            if !git(clone, &["push", "-q", "origin", "main"])
                .status
                .success()
            {
                let out = git(
                    clone,
                    &["pull", "-q", "--no-rebase", "--no-edit", "origin", "main"],
                );
                assert!(
                    out.status.success(),
                    "merge conflict: {}{}",
                    stdout(&out),
                    stderr(&out)
                );
                git_ok(clone, &["push", "-q", "origin", "main"]);
            }
        }
        for clone in &clones {
            git_ok(
                clone,
                &["pull", "-q", "--no-rebase", "--no-edit", "origin", "main"],
            );
        }
        // Each marks done what the other assigned in this round: in their own file only.
        for (i, (name, clone)) in members.iter().zip(&clones).enumerate() {
            let theirs = format!("{KESTREL}/actor/{}", actors[round * 2 + 1 - i]);
            succeeded(&brief_in(clone, &["done", &theirs]));
            git_ok(
                clone,
                &[
                    "commit",
                    "-q",
                    "-am",
                    &format!("{name}: done in round {round}"),
                ],
            );
        }
        for clone in &clones {
            if !git(clone, &["push", "-q", "origin", "main"])
                .status
                .success()
            {
                git_ok(
                    clone,
                    &["pull", "-q", "--no-rebase", "--no-edit", "origin", "main"],
                );
                git_ok(clone, &["push", "-q", "origin", "main"]);
            }
        }
    }
    for clone in &clones {
        git_ok(
            clone,
            &["pull", "-q", "--no-rebase", "--no-edit", "origin", "main"],
        );
    }
    expected.sort();
    for (name, clone) in members.iter().zip(&clones) {
        let rows = json(&brief_in(
            clone,
            &["flags", "--team", "team", "--json", "--all"],
        ));
        let mut seen: Vec<(String, String)> = rows
            .iter()
            .map(|r| {
                (
                    r["by"].as_str().unwrap().to_string(),
                    r["target"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        seen.sort();
        assert_eq!(seen, expected, "in {name}'s clone");
        for row in &rows {
            assert_eq!(row["status"], "done", "{row}");
            assert_eq!(row["done_by"], row["assigned_to"], "{row}");
        }
        let status = git(clone, &["status", "--porcelain"]);
        assert!(stdout(&status).trim().is_empty(), "{}", stdout(&status));
    }
}

fn configure(clone: &Path, name: &str) {
    git_ok(clone, &["config", "user.name", name]);
    git_ok(
        clone,
        &["config", "user.email", &format!("{name}@example.org")],
    );
    git_ok(clone, &["config", "commit.gpgsign", "false"]);
}

/// The reader's follow-up view with a team: `t` switches mine / assigned to me / team, each
/// row names its member, another member's flag is not changed, and a new member file shows up
/// on the next refresh (what the reader does every 2 seconds).
#[test]
fn the_reader_switches_between_mine_assigned_and_team() {
    use brief::keymap::Action;
    use brief::team::{Scope, Team};
    use brief::tui::model::{Model, Overlay, TeamSession};
    use brief::tui::update::update;

    let root = tempfile::tempdir().unwrap();
    // A clone's folder: every file here belongs to the test's user, and counts.
    fs::create_dir(root.path().join(".git")).unwrap();
    let team_dir = root.path().join("team");
    fs::create_dir(&team_dir).unwrap();
    let line = |target: &str, to: &str| {
        format!(
            "{{\"op\":\"flag\",\"target\":\"{target}\",\"at\":\"2026-11-24T10:00:00Z\",\"to\":\"{to}\"}}\n"
        )
    };
    let header = "{\"brief_state\":1,\"generation\":0}\n";
    fs::write(
        team_dir.join("alice.jsonl"),
        format!("{header}{}{}", line(KESTREL, "me"), line(VELORIA, "carol")),
    )
    .unwrap();
    fs::write(
        team_dir.join("me.jsonl"),
        format!(
            "{header}{}",
            line(&format!("{KESTREL}/actor/lanxia"), "alice")
        ),
    )
    .unwrap();
    let briefings = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
    let library = brief::briefing::load(std::slice::from_ref(&briefings)).unwrap();
    let mut model = Model::new(
        library,
        brief::store::Store::open_in_memory(),
        briefings,
        brief::theme::Theme::COLOR,
    );
    let team = Team::new(team_dir.clone(), Some("me"), false).unwrap();
    model.team = Some(TeamSession::new(team));
    let rows = |model: &Model| -> Vec<(String, String)> {
        model
            .follow_ups()
            .into_iter()
            .map(|r| (r.by.unwrap_or_default(), r.target))
            .collect()
    };
    update(&mut model, Action::FollowUp);
    assert!(matches!(model.overlay, Some(Overlay::FollowUp { .. })));
    assert_eq!(
        rows(&model),
        [("me".into(), format!("{KESTREL}/actor/lanxia"))]
    );
    update(&mut model, Action::TeamView);
    assert_eq!(model.team.as_ref().unwrap().scope, Scope::AssignedToMe);
    assert_eq!(rows(&model), [("alice".into(), KESTREL.into())]);
    update(&mut model, Action::TeamView);
    assert_eq!(model.team.as_ref().unwrap().scope, Scope::Team);
    assert_eq!(rows(&model).len(), 3);

    // Removing alice's flag from the reader is refused, and says whose it is.
    let alices = rows(&model)
        .iter()
        .position(|(by, t)| by == "alice" && t == VELORIA)
        .unwrap();
    model.overlay = Some(Overlay::FollowUp { selected: alices });
    update(&mut model, Action::ToggleFlag);
    let status = model.status.clone().unwrap();
    assert!(
        status.error && status.text.contains("alice's flag"),
        "{}",
        status.text
    );
    assert_eq!(rows(&model).len(), 3);

    // A new member's file appears on the next refresh.
    fs::write(
        team_dir.join("dave.jsonl"),
        format!("{header}{}", line(VELORIA, "me")),
    )
    .unwrap();
    assert!(model.team.as_mut().unwrap().board.refresh());
    assert_eq!(rows(&model).len(), 4);
}

/// `brief ARGS` with the team folder `team`, a configuration of `config`, in `root`.
fn brief_with_config(root: &Path, team: &Path, config: &str, args: &[&str]) -> Output {
    let config_dir = root.join("config/brief");
    fs::create_dir_all(&config_dir).unwrap();
    fs::write(config_dir.join("config.toml"), config).unwrap();
    Command::new(BIN)
        .args(args)
        .current_dir(root)
        .env("XDG_CONFIG_HOME", root.join("config"))
        .env("BRIEF_STATE_DIR", root.join("state"))
        .env(
            "BRIEF_DIR",
            Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings"),
        )
        .env("BRIEF_TEAM_DIR", team)
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

/// On one host, a configured `name` other than the login name makes the user's file look
/// forged to everyone else: each command that writes to the team folder says so, once. In a
/// git clone of the user's own, names are free and nothing is said.
#[test]
fn a_configured_name_other_than_the_login_warns_once_on_one_host() {
    let login = brief::team::member::login_name().expect("the test's user has a login name");
    let other = format!("{login}-desk");
    let warnings = |out: &Output| -> Vec<String> {
        stderr(out)
            .lines()
            .filter(|l| l.starts_with("brief: warning:"))
            .map(str::to_string)
            .collect()
    };

    // One host: a plain folder.
    let host = tempfile::tempdir().unwrap();
    let team = host.path().join("team");
    fs::create_dir(&team).unwrap();
    let config = format!("name = \"{other}\"\n");
    let quote = format!("{KESTREL}/actor/lanxia");
    for args in [
        vec!["flag", quote.as_str(), "--note", "chase it"],
        vec!["done", quote.as_str()],
        vec!["unflag", quote.as_str()],
    ] {
        let out = brief_with_config(host.path(), &team, &config, &args);
        succeeded(&out);
        let said = warnings(&out);
        assert_eq!(said.len(), 1, "{args:?}: {}", stderr(&out));
        for words in [
            format!("`{other}`"),
            format!("login name `{login}`"),
            "ignore".to_string(),
            "remove `name`".to_string(),
        ] {
            assert!(said[0].contains(&words), "{words:?} in {}", said[0]);
        }
    }
    // Listing writes nothing, so says nothing; the user's own file counts for them.
    succeeded(&brief_with_config(
        host.path(),
        &team,
        &config,
        &["flag", &quote],
    ));
    let out = brief_with_config(host.path(), &team, &config, &["flags", "--json"]);
    assert!(warnings(&out).is_empty(), "listing: {}", stderr(&out));
    assert_eq!(json(&out).len(), 1);
    // A name equal to the login name is fine.
    let fresh = host.path().join("fresh");
    fs::create_dir(&fresh).unwrap();
    let out = brief_with_config(
        host.path(),
        &fresh,
        &format!("name = \"{login}\"\n"),
        &["flag", VELORIA],
    );
    succeeded(&out);
    assert!(warnings(&out).is_empty(), "{}", stderr(&out));

    // A git clone of the user's own: every file there is theirs, whatever it is called.
    let clone = tempfile::tempdir().unwrap();
    fs::create_dir(clone.path().join(".git")).unwrap();
    let team = clone.path().join("team");
    fs::create_dir(&team).unwrap();
    let out = brief_with_config(clone.path(), &team, &config, &["flag", &quote]);
    succeeded(&out);
    assert!(warnings(&out).is_empty(), "{}", stderr(&out));
    assert!(team.join(format!("{other}.jsonl")).exists());
}

/// `brief flag TARGET --unassign`: the member who flagged it takes the assignment back (and
/// may assign it again); anyone else, its assignee too, is refused with exit 1 naming the
/// owner, and nothing changes.
#[test]
fn only_the_owner_takes_an_assignment_back() {
    if !can_make_users("only_the_owner_takes_an_assignment_back") {
        return;
    }
    let mut host = Host::new();
    let alice = host.member(false);
    let bob = host.member(false);
    let carol = host.member(false);
    let team = host.team.to_str().unwrap();
    let actor = format!("{KESTREL}/actor/lanxia");
    succeeded(&host.brief(&alice, &["flag", &actor, "--to", &bob.name]));
    let before = fs::read(host.file(&alice)).unwrap();

    for who in [&bob, &carol] {
        let out = host.brief(who, &["flag", &actor, "--unassign"]);
        assert_eq!(code(&out), 1, "{}: {}", who.name, stderr(&out));
        let said = stderr(&out);
        assert!(
            said.contains(&format!("{actor} is {}'s flag, not yours", alice.name))
                && said.contains(&format!("only {} can take its assignment back", alice.name))
                && said.contains("nothing was changed"),
            "{said}"
        );
        assert!(!host.file(who).exists(), "{} wrote nothing", who.name);
    }
    assert_eq!(fs::read(host.file(&alice)).unwrap(), before);
    let bobs = json(&host.brief(&bob, &["flags", "--json"]));
    assert!(find(&bobs, &alice.name, &actor).is_some(), "{bobs:?}");

    // The owner takes it back: it leaves bob's list, and stays alice's open flag.
    let out = host.brief(&alice, &["flag", &actor, "--unassign"]);
    succeeded(&out);
    assert_eq!(
        stdout(&out),
        format!("{actor} is no longer assigned to {}\n", bob.name)
    );
    assert!(json(&host.brief(&bob, &["flags", "--json"])).is_empty());
    let all = json(&host.brief(&bob, &["flags", "--team", team, "--json"]));
    let row = find(&all, &alice.name, &actor).expect("still alice's flag");
    assert_eq!(row["assigned_to"], Value::Null);
    assert_eq!(row["status"], "open");
    // Again: nothing to take back, said so.
    let out = host.brief(&alice, &["flag", &actor, "--unassign"]);
    succeeded(&out);
    assert_eq!(stdout(&out), format!("{actor} is not assigned to anyone\n"));
    // And she may assign it again, to someone else.
    succeeded(&host.brief(&alice, &["flag", &actor, "--to", &carol.name]));
    let carols = json(&host.brief(&carol, &["flags", "--json"]));
    assert_eq!(
        find(&carols, &alice.name, &actor).unwrap()["assigned_to"],
        carol.name.as_str()
    );

    // `--to` by another member cannot re-assign alice's flag: it makes one of their own, and
    // says so; alice's stays with carol.
    let out = host.brief(&bob, &["flag", &actor, "--to", &alice.name]);
    succeeded(&out);
    assert!(
        stderr(&out).contains(&format!("is {}'s flag too", alice.name))
            && stderr(&out).contains("only its owner can re-assign theirs"),
        "{}",
        stderr(&out)
    );
    let all = json(&host.brief(&carol, &["flags", "--team", team, "--json"]));
    assert_eq!(
        find(&all, &alice.name, &actor).unwrap()["assigned_to"],
        carol.name.as_str()
    );
    assert_eq!(
        find(&all, &bob.name, &actor).unwrap()["assigned_to"],
        alice.name.as_str()
    );
}

/// `--unassign` and `--to` cannot go together, and `--unassign` needs a team: both are usage
/// errors (exit 2) that change nothing.
#[test]
fn unassign_conflicts_with_to_and_needs_a_team() {
    let root = tempfile::tempdir().unwrap();
    let actor = format!("{KESTREL}/actor/lanxia");
    let run = |args: &[&str]| {
        Command::new(BIN)
            .args(args)
            .env("XDG_CONFIG_HOME", root.path().join("config"))
            .env("BRIEF_STATE_DIR", root.path().join("state"))
            .env(
                "BRIEF_DIR",
                Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings"),
            )
            .env_remove("BRIEF_TEAM_DIR")
            .output()
            .unwrap()
    };
    let out = run(&["flag", &actor, "--unassign", "--to", "bob"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot be used with"),
        "{}",
        stderr(&out)
    );
    let out = run(&["flag", &actor, "--unassign"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with(
            "brief: --unassign takes a flag's assignment back and needs a team folder"
        ),
        "{}",
        stderr(&out)
    );
    assert!(!root.path().join("state").exists(), "nothing written");
}

/// `brief ARGS` as member `name` of a clone's team folder `team` (or alone, without it), with a
/// state folder of the member's own.
fn brief_as(root: &Path, name: &str, team: Option<&Path>, args: &[&str]) -> Output {
    let home = root.join(name);
    let config = home.join("config/brief");
    fs::create_dir_all(&config).unwrap();
    fs::write(config.join("config.toml"), format!("name = \"{name}\"\n")).unwrap();
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .current_dir(root)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("BRIEF_STATE_DIR", home.join("state"))
        .env(
            "BRIEF_DIR",
            Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings"),
        )
        .env_remove("BRIEF_TEAM_DIR")
        .env_remove("NO_COLOR");
    if let Some(team) = team {
        cmd.env("BRIEF_TEAM_DIR", team);
    }
    cmd.output().unwrap()
}

/// A flag made privately before joining the team is brought into the member's team journal,
/// note and all, when it is assigned, and leaves the private state: listed once, seen by the
/// assignee. On a TLP:RED briefing without `share_red` it is refused and stays private. A flag
/// left in both (a move cut short) is listed once, and unflagging removes both copies.
#[test]
fn a_private_flag_from_before_the_team_is_brought_in_when_assigned() {
    let root = tempfile::tempdir().unwrap();
    fs::create_dir(root.path().join(".git")).unwrap();
    let team = root.path().join("team");
    fs::create_dir(&team).unwrap();
    let actor = format!("{KESTREL}/actor/lanxia");
    let rows = |out: Output| json(&out);

    succeeded(&brief_as(
        root.path(),
        "alice",
        None,
        &["flag", &actor, "--note", "from before"],
    ));
    succeeded(&brief_as(root.path(), "alice", None, &["flag", VALMORA]));
    let out = brief_as(
        root.path(),
        "alice",
        Some(&team),
        &["flag", &actor, "--to", "bob"],
    );
    succeeded(&out);
    assert!(
        stdout(&out).contains("assigned to bob") && stdout(&out).contains("now shared"),
        "{}",
        stdout(&out)
    );
    // Gone from the private state, once in alice's list, with its note, assigned.
    let private = rows(brief_as(root.path(), "alice", None, &["flags", "--json"]));
    assert_eq!(
        private.len(),
        1,
        "only the RED one stays private: {private:?}"
    );
    assert_eq!(private[0]["target"], VALMORA);
    let mine = rows(brief_as(
        root.path(),
        "alice",
        Some(&team),
        &["flags", "--json"],
    ));
    let shared: Vec<&Value> = mine.iter().filter(|r| r["target"] == actor).collect();
    assert_eq!(shared.len(), 1, "{mine:?}");
    assert_eq!(shared[0]["shared"], true);
    assert_eq!(shared[0]["note"], "from before");
    assert_eq!(shared[0]["assigned_to"], "bob");
    // Bob sees it among those assigned to him.
    let bobs = rows(brief_as(
        root.path(),
        "bob",
        Some(&team),
        &["flags", "--json"],
    ));
    let row = find(&bobs, "alice", &actor).expect("assigned to bob");
    assert_eq!(row["note"], "from before");

    // TLP:RED: refused with the reason, nothing changes.
    let journal = fs::read(team.join("alice.jsonl")).unwrap();
    let out = brief_as(
        root.path(),
        "alice",
        Some(&team),
        &["flag", VALMORA, "--to", "bob"],
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("TLP:RED"), "{}", stderr(&out));
    assert_eq!(fs::read(team.join("alice.jsonl")).unwrap(), journal);
    let private = rows(brief_as(root.path(), "alice", None, &["flags", "--json"]));
    assert_eq!(private.len(), 1);

    // In both stores (as if the move were cut short): listed once, as the team's, and
    // unflagging removes both.
    succeeded(&brief_as(
        root.path(),
        "alice",
        None,
        &["flag", &actor, "--note", "stale copy"],
    ));
    for args in [
        vec!["flags", "--json"],
        vec!["--team", team.to_str().unwrap(), "flags", "--json", "--all"],
    ] {
        let listed = rows(brief_as(root.path(), "alice", Some(&team), &args));
        let copies: Vec<&Value> = listed.iter().filter(|r| r["target"] == actor).collect();
        assert_eq!(copies.len(), 1, "{args:?}: {listed:?}");
        assert_eq!(copies[0]["note"], "from before");
    }
    succeeded(&brief_as(
        root.path(),
        "alice",
        Some(&team),
        &["unflag", &actor],
    ));
    let listed = rows(brief_as(
        root.path(),
        "alice",
        Some(&team),
        &["flags", "--json"],
    ));
    assert!(listed.iter().all(|r| r["target"] != actor), "{listed:?}");
    let private = rows(brief_as(root.path(), "alice", None, &["flags", "--json"]));
    assert!(private.iter().all(|r| r["target"] != actor), "{private:?}");
}
