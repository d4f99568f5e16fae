//! A fuzzer for the generator and the generated crate, on the stable
//! toolchain.
//!
//! ```text
//! seam-fuzz run TARGET [--minutes N] [--execs N] [--seed N] [--out DIR] [--timeout-ms N]
//! seam-fuzz all [--minutes N] ...           every target in turn
//! seam-fuzz exec TARGET FILE                run one input, say what it does
//! seam-fuzz minimize TARGET FILE [--out F]  the smallest input that fails the same way
//! ```
//!
//! A supervisor runs a worker process that mutates inputs and runs them.
//! Before each run the worker sends the input to the supervisor (a pipe
//! write, no file), so when the worker dies (a stack overflow, an abort) or
//! takes too long on one input (a hang: killed and restarted), the
//! supervisor knows the input and saves it. Panics are caught in the
//! worker, reported by location, and the loop goes on. Findings are saved
//! to `OUT/crashes/TARGET/`, one file per panic location (the smallest input
//! seen), with the message beside it; the inputs that showed something new
//! are kept in `OUT/corpus/TARGET/` and seed the next run.

mod mutate;
mod targets;

use std::collections::{BTreeMap, HashSet};
use std::io::{BufReader, Read, Write};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::Mutex;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use mutate::{Dict, Pool, Rng};
use targets::{Features, Kind, Roots, State};

const USAGE: &str = "usage: seam-fuzz run TARGET [--minutes N] [--execs N] [--seed N] [--out DIR] [--timeout-ms N]
       seam-fuzz all [same options]
       seam-fuzz exec TARGET FILE
       seam-fuzz minimize TARGET FILE [--out FILE]
targets: gitbook, page-text, mdx, openapi, pipeline, types";

/// The stack the target runs on in the worker: a normal main-thread stack.
const STACK: usize = 8 << 20;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => Options::parse(&args[1..]).and_then(|o| run_targets(&o)),
        Some("all") => Options::parse(&args[1..]).and_then(|o| run_targets(&o)),
        Some("worker") => worker(&args[1..]),
        Some("exec") => exec(&args[1..]),
        Some("minimize") => minimize(&args[1..]),
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}

struct Options {
    targets: Vec<Kind>,
    minutes: Option<f64>,
    execs: Option<u64>,
    seed: u64,
    out: PathBuf,
    timeout: Duration,
}

impl Options {
    fn parse(args: &[String]) -> Result<Options, String> {
        let mut o = Options {
            targets: Vec::new(),
            minutes: None,
            execs: None,
            seed: std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64),
            out: Path::new(env!("CARGO_MANIFEST_DIR")).to_owned(),
            timeout: Duration::from_secs(1),
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            let mut value = || it.next().cloned().ok_or_else(|| format!("{a} needs a value\n{USAGE}"));
            match a.as_str() {
                "--minutes" => o.minutes = Some(value()?.parse().map_err(|e| format!("--minutes: {e}"))?),
                "--execs" => o.execs = Some(value()?.parse().map_err(|e| format!("--execs: {e}"))?),
                "--seed" => o.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
                "--out" => o.out = PathBuf::from(value()?),
                "--timeout-ms" => {
                    o.timeout = Duration::from_millis(value()?.parse().map_err(|e| format!("--timeout-ms: {e}"))?)
                }
                name => match targets::by_name(name) {
                    Some(k) => o.targets.push(k),
                    None => return Err(format!("unknown target or option `{name}`\n{USAGE}")),
                },
            }
        }
        if std::env::args().nth(1).as_deref() == Some("all") {
            o.targets = targets::ALL.iter().map(|(_, k)| *k).collect();
        }
        if o.targets.is_empty() {
            return Err(format!("no target\n{USAGE}"));
        }
        if o.minutes.is_none() && o.execs.is_none() {
            o.minutes = Some(1.0);
        }
        Ok(o)
    }
}

// ---------------------------------------------------------------------
// The supervisor.

/// Messages from the worker, on its stdout.
enum Msg {
    /// About to run this input (`dry`: the index of a seed or corpus input
    /// being run unmutated first).
    Input {
        dry: Option<u32>,
        bytes: Vec<u8>,
    },
    /// The last input ran; the corpus now holds this many inputs.
    Done {
        corpus: u32,
    },
    /// The last input panicked, or broke a property.
    Crash {
        key: String,
        message: String,
    },
    Eof,
}

fn read_msgs(mut out: impl Read, tx: mpsc::Sender<Msg>) {
    let read_u32 = |r: &mut dyn Read| -> Option<u32> {
        let mut b = [0u8; 4];
        r.read_exact(&mut b).ok().map(|_| u32::from_le_bytes(b))
    };
    loop {
        let mut tag = [0u8; 1];
        if out.read_exact(&mut tag).is_err() {
            break;
        }
        let msg = match tag[0] {
            b'I' => {
                let Some(dry) = read_u32(&mut out) else { break };
                let Some(len) = read_u32(&mut out) else { break };
                let mut bytes = vec![0; len as usize];
                if out.read_exact(&mut bytes).is_err() {
                    break;
                }
                Msg::Input { dry: (dry != u32::MAX).then_some(dry), bytes }
            }
            b'D' => {
                let Some(corpus) = read_u32(&mut out) else { break };
                Msg::Done { corpus }
            }
            b'C' => {
                let Some(len) = read_u32(&mut out) else { break };
                let mut bytes = vec![0; len as usize];
                if out.read_exact(&mut bytes).is_err() {
                    break;
                }
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let (key, message) = text.split_once('\n').unwrap_or((&text, ""));
                Msg::Crash { key: key.to_owned(), message: message.to_owned() }
            }
            _ => break,
        };
        if tx.send(msg).is_err() {
            return;
        }
    }
    let _ = tx.send(Msg::Eof);
}

struct Found {
    count: u64,
    file: PathBuf,
    len: usize,
    message: String,
}

struct Stats {
    execs: u64,
    corpus: u32,
    found: BTreeMap<String, Found>,
    restarts: u64,
}

fn file_name(key: &str) -> String {
    let mut s: String =
        key.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '-' { c } else { '_' }).collect();
    s.truncate(100);
    let mut h = std::hash::DefaultHasher::new();
    std::hash::Hash::hash(key, &mut h);
    format!("{s}-{:08x}", std::hash::Hasher::finish(&h) as u32)
}

fn record(stats: &mut Stats, dir: &Path, kind: Kind, key: String, message: String, input: &[u8]) {
    let name = file_name(&key);
    let file = dir.join(format!("{name}.{}", kind.ext()));
    let entry = stats.found.entry(key.clone()).or_insert_with(|| Found {
        count: 0,
        file: file.clone(),
        len: usize::MAX,
        message: message.clone(),
    });
    entry.count += 1;
    if input.len() < entry.len {
        if entry.len == usize::MAX {
            eprintln!("[{}] new finding: {key}\n    {}", kind.name(), message.lines().next().unwrap_or(""));
        }
        entry.len = input.len();
        entry.message = message.clone();
        let _ = std::fs::create_dir_all(dir);
        let _ = std::fs::write(&file, input);
        let _ = std::fs::write(dir.join(format!("{name}.msg")), format!("{key}\n{message}\n"));
    }
}

fn run_targets(o: &Options) -> Result<ExitCode, String> {
    let mut summary = Vec::new();
    for &kind in &o.targets {
        let started = Instant::now();
        let stats = supervise(o, kind)?;
        let minutes = started.elapsed().as_secs_f64() / 60.0;
        summary.push((kind, minutes, stats));
    }
    println!(
        "\n{:<10} {:>8} {:>10} {:>8} {:>8} {:>7} {:>6}",
        "target", "minutes", "execs", "execs/s", "corpus", "crashes", "hangs"
    );
    for (kind, minutes, s) in &summary {
        let crashes = s.found.keys().filter(|k| *k != "hang").count();
        let hangs = s.found.get("hang").map_or(0, |f| f.count);
        println!(
            "{:<10} {:>8.1} {:>10} {:>8.0} {:>8} {:>7} {:>6}",
            kind.name(),
            minutes,
            s.execs,
            s.execs as f64 / (minutes * 60.0).max(0.001),
            s.corpus,
            crashes,
            hangs
        );
    }
    for (kind, _, s) in &summary {
        for (key, f) in &s.found {
            println!(
                "{}: {key}\n    {} time(s), smallest input {} bytes: {}\n    {}",
                kind.name(),
                f.count,
                f.len,
                f.file.display(),
                f.message.lines().find(|l| !l.trim().is_empty()).unwrap_or("")
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn spawn_worker(o: &Options, kind: Kind, seed: u64, dry_from: u32) -> Result<Child, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut cmd = Command::new(exe);
    cmd.args(["worker", kind.name(), "--out"]).arg(&o.out).args([
        "--seed",
        &seed.to_string(),
        "--dry-from",
        &dry_from.to_string(),
    ]);
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.spawn().map_err(|e| format!("cannot start a worker: {e}"))
}

fn supervise(o: &Options, kind: Kind) -> Result<Stats, String> {
    let deadline = o.minutes.map(|m| Instant::now() + Duration::from_secs_f64(m * 60.0));
    let crash_dir = o.out.join("crashes").join(kind.name());
    let state_dir = o.out.join("corpus").join(kind.name());
    std::fs::create_dir_all(&state_dir).map_err(|e| format!("{}: {e}", state_dir.display()))?;
    // The features of the corpus are found again by running it once.
    let _ = std::fs::remove_file(state_dir.join(".features"));
    let mut stats = Stats { execs: 0, corpus: 0, found: BTreeMap::new(), restarts: 0 };
    let mut dry_from = 0u32;
    let mut last_report = Instant::now();
    let start = Instant::now();
    eprintln!("[{}] fuzzing, findings in {}", kind.name(), crash_dir.display());
    'outer: loop {
        let done =
            |stats: &Stats| deadline.is_some_and(|d| Instant::now() >= d) || o.execs.is_some_and(|n| stats.execs >= n);
        if done(&stats) {
            break;
        }
        let mut child = spawn_worker(o, kind, o.seed.wrapping_add(stats.restarts), dry_from)?;
        stats.restarts += 1;
        let _cleanup = Scratch(scratch_dir(kind, child.id()));
        let (tx, rx) = mpsc::channel();
        let out = child.stdout.take().expect("piped");
        std::thread::spawn(move || read_msgs(BufReader::with_capacity(1 << 16, out), tx));
        let mut err = child.stderr.take().expect("piped");
        let err_thread = std::thread::spawn(move || {
            let mut s = Vec::new();
            let _ = err.read_to_end(&mut s);
            String::from_utf8_lossy(&s).into_owned()
        });
        let mut current: Option<(Option<u32>, Vec<u8>, Instant)> = None;
        let mut ran_any = false;
        loop {
            if last_report.elapsed() > Duration::from_secs(30) {
                last_report = Instant::now();
                eprintln!(
                    "[{}] {:.1} min: {} execs, corpus {}, {} finding(s) ({} kinds), {} worker start(s)",
                    kind.name(),
                    start.elapsed().as_secs_f64() / 60.0,
                    stats.execs,
                    stats.corpus,
                    stats.found.values().map(|f| f.count).sum::<u64>(),
                    stats.found.len(),
                    stats.restarts
                );
            }
            if done(&stats) {
                let _ = child.kill();
                let _ = child.wait();
                break 'outer;
            }
            let wait = match &current {
                Some((_, _, t)) => o.timeout.saturating_sub(t.elapsed()),
                None => Duration::from_millis(200),
            };
            match rx.recv_timeout(wait.max(Duration::from_millis(1))) {
                Ok(Msg::Input { dry, bytes }) => {
                    ran_any = true;
                    current = Some((dry, bytes, Instant::now()));
                }
                Ok(Msg::Done { corpus }) => {
                    stats.execs += 1;
                    stats.corpus = corpus;
                    if let Some((Some(d), _, _)) = current.take() {
                        dry_from = d + 1;
                    }
                }
                Ok(Msg::Crash { key, message }) => {
                    stats.execs += 1;
                    if let Some((dry, input, _)) = current.take() {
                        if let Some(d) = dry {
                            dry_from = d + 1;
                        }
                        record(&mut stats, &crash_dir, kind, key, message, &input);
                    }
                }
                Ok(Msg::Eof) | Err(RecvTimeoutError::Disconnected) => {
                    let status = child.wait().map_err(|e| e.to_string())?;
                    let stderr = err_thread.join().unwrap_or_default();
                    match current.take() {
                        Some((dry, input, _)) => {
                            stats.execs += 1;
                            if let Some(d) = dry {
                                dry_from = d + 1;
                            }
                            let (key, message) = death(&status, &stderr);
                            record(&mut stats, &crash_dir, kind, key, message, &input);
                        }
                        None if !ran_any || status.success() => {
                            return Err(format!("the worker stopped ({status}) before running anything:\n{stderr}"));
                        }
                        None => eprintln!(
                            "[{}] the worker stopped between inputs ({status}):\n{}",
                            kind.name(),
                            stderr.lines().rev().take(8).collect::<Vec<_>>().join("\n")
                        ),
                    }
                    continue 'outer;
                }
                Err(RecvTimeoutError::Timeout) => {
                    if let Some((dry, input, t)) = &current
                        && t.elapsed() >= o.timeout
                    {
                        let _ = child.kill();
                        let _ = child.wait();
                        stats.execs += 1;
                        if let Some(d) = dry {
                            dry_from = d + 1;
                        }
                        let message = format!("an input ran for more than {} ms", o.timeout.as_millis());
                        let input = input.clone();
                        record(&mut stats, &crash_dir, kind, "hang".to_owned(), message, &input);
                        continue 'outer;
                    }
                }
            }
        }
    }
    Ok(stats)
}

/// The folder a worker may write to (the pipeline's docs tree).
fn scratch_dir(kind: Kind, pid: u32) -> PathBuf {
    std::env::temp_dir().join(format!("seam-fuzz-{}-{pid}", kind.name()))
}

/// Removes a worker's scratch folder once it is gone.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What killed a worker, from its exit status and the end of its stderr.
fn death(status: &std::process::ExitStatus, stderr: &str) -> (String, String) {
    let last: Vec<&str> = stderr.lines().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
    let tail = last.join("\n");
    if stderr.contains("has overflowed its stack") {
        return ("stack overflow".to_owned(), tail);
    }
    if stderr.contains("memory allocation of") {
        return ("out of memory".to_owned(), tail);
    }
    (format!("worker died: {status}"), tail)
}

// ---------------------------------------------------------------------
// The worker.

/// The first panic of the current input: where, and what it said.
static PANIC: Mutex<Option<(String, String)>> = Mutex::new(None);

fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let location = info.location().map_or("unknown place".to_owned(), |l| format!("{}:{}", l.file(), l.line()));
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        if let Ok(mut p) = PANIC.lock()
            && p.is_none()
        {
            *p = Some((location, message));
        }
    }));
}

/// Runs one input, catching a panic: `Err((key, message))` for a finding.
fn run_one(state: &mut State, input: &str, f: &mut Features) -> Result<(), (String, String)> {
    if let Ok(mut p) = PANIC.lock() {
        *p = None;
    }
    match std::panic::catch_unwind(AssertUnwindSafe(|| state.run(input, f))) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(finding)) => Err((finding.key, finding.message)),
        Err(_) => {
            let (location, message) =
                PANIC.lock().ok().and_then(|p| p.clone()).unwrap_or_else(|| ("unknown place".into(), String::new()));
            Err((format!("panic at {location}"), message))
        }
    }
}

struct Worker {
    out: std::io::BufWriter<std::io::Stdout>,
}

impl Worker {
    fn input(&mut self, dry: Option<u32>, bytes: &[u8]) {
        let _ = self.out.write_all(b"I");
        let _ = self.out.write_all(&dry.unwrap_or(u32::MAX).to_le_bytes());
        let _ = self.out.write_all(&(bytes.len() as u32).to_le_bytes());
        let _ = self.out.write_all(bytes);
        // The supervisor must hold the input before it runs.
        let _ = self.out.flush();
    }

    fn done(&mut self, corpus: usize) {
        let _ = self.out.write_all(b"D");
        let _ = self.out.write_all(&(corpus as u32).to_le_bytes());
    }

    fn crash(&mut self, key: &str, message: &str) {
        let text = format!("{key}\n{message}");
        let _ = self.out.write_all(b"C");
        let _ = self.out.write_all(&(text.len() as u32).to_le_bytes());
        let _ = self.out.write_all(text.as_bytes());
        let _ = self.out.flush();
    }
}

fn worker(args: &[String]) -> Result<ExitCode, String> {
    let kind = args.first().and_then(|n| targets::by_name(n)).ok_or(USAGE)?;
    let get = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let out = PathBuf::from(get("--out").ok_or("--out")?);
    let seed: u64 = get("--seed").and_then(|s| s.parse().ok()).unwrap_or(1);
    let dry_from: u32 = get("--dry-from").and_then(|s| s.parse().ok()).unwrap_or(0);
    let handle = std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || worker_loop(kind, &out, seed, dry_from))
        .map_err(|e| e.to_string())?;
    handle.join().map_err(|_| {
        let (at, msg) = PANIC.lock().ok().and_then(|p| p.clone()).unwrap_or_default();
        format!("the worker loop panicked at {at}: {msg}")
    })?;
    Ok(ExitCode::SUCCESS)
}

fn worker_loop(kind: Kind, out: &Path, seed: u64, dry_from: u32) {
    install_panic_hook();
    let roots = Roots::find();
    let corpus_dir = out.join("corpus").join(kind.name());
    let scratch = scratch_dir(kind, std::process::id());
    let mut state = State::new(kind, &roots, scratch.clone());
    let mut w = Worker { out: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()) };
    let mut rng = Rng::new(seed);

    // The corpus: the seeds, then what earlier runs kept (in a fixed order,
    // so that a restarted worker resumes the first pass where it stopped).
    let mut corpus: Vec<String> = targets::seeds(kind, &roots);
    let mut kept: Vec<PathBuf> = std::fs::read_dir(&corpus_dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).filter(|p| !file_is_hidden(p)).collect())
        .unwrap_or_default();
    kept.sort();
    corpus.extend(kept.iter().filter_map(|p| std::fs::read_to_string(p).ok()));
    let mut seen: HashSet<u64> = HashSet::new();
    let features_file = corpus_dir.join(".features");
    if dry_from > 0
        && let Ok(bytes) = std::fs::read(&features_file)
    {
        seen.extend(bytes.chunks_exact(8).map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes"))));
    }
    let mut features_out = std::fs::OpenOptions::new().create(true).append(true).open(&features_file).ok();
    let mut learn = |seen: &mut HashSet<u64>, f: &Features| -> bool {
        let mut new = false;
        for &h in &f.0 {
            if seen.insert(h) {
                new = true;
                if let Some(file) = &mut features_out {
                    let _ = file.write_all(&h.to_le_bytes());
                }
            }
        }
        new
    };

    // First pass: every input of the corpus as it is.
    for i in dry_from as usize..corpus.len() {
        let input = corpus[i].clone();
        w.input(Some(i as u32), input.as_bytes());
        let mut f = Features::default();
        match run_one(&mut state, &input, &mut f) {
            Ok(()) => {
                learn(&mut seen, &f);
                w.done(corpus.len());
            }
            Err((key, message)) => w.crash(&key, &message),
        }
    }

    let dict = targets::dictionary(kind);
    let d = Dict { tokens: &dict.tokens, words: &dict.words, wrappers: &dict.wrappers, max_nest: dict.max_nest };
    let mut pool = Pool { strings: Vec::new(), keys: Vec::new() };
    let mut parsed: Vec<Option<serde_json::Value>> = Vec::new();
    if kind.json() {
        parsed = corpus.iter().map(|c| serde_json::from_str(c).ok()).collect();
        parsed.iter().flatten().for_each(|v| pool.absorb(v));
    }
    if corpus.is_empty() {
        corpus.push(String::new());
        parsed.push(None);
    }
    let max_len = kind.max_len();
    loop {
        let i = rng.below(corpus.len());
        let j = rng.below(corpus.len());
        let mut input = corpus[i].clone();
        let steps = rng.small(8);
        let json = kind.json() && rng.chance(85);
        match parsed.get(i).cloned().flatten().filter(|_| json) {
            Some(mut v) => {
                let donor = parsed.get(j).cloned().flatten().unwrap_or(serde_json::Value::Null);
                for _ in 0..steps {
                    mutate::mutate_json(&mut v, &donor, &pool, &mut rng);
                }
                input =
                    if rng.chance(50) { serde_json::to_string_pretty(&v).unwrap_or_default() } else { v.to_string() };
                if rng.chance(10) {
                    mutate::mutate_text(&mut input, &corpus[j], &d, &mut rng);
                }
            }
            None => {
                for _ in 0..steps {
                    mutate::mutate_text(&mut input, &corpus[j], &d, &mut rng);
                    if input.len() > max_len {
                        let mut at = max_len;
                        while !input.is_char_boundary(at) {
                            at -= 1;
                        }
                        input.truncate(at);
                    }
                }
            }
        }
        if input.len() > max_len {
            continue;
        }
        w.input(None, input.as_bytes());
        let mut f = Features::default();
        match run_one(&mut state, &input, &mut f) {
            Ok(()) => {
                if learn(&mut seen, &f) && corpus.len() < 5000 {
                    let name = targets::fnv(input.as_bytes());
                    let _ = std::fs::write(corpus_dir.join(format!("{name:016x}")), &input);
                    if kind.json() {
                        let v = serde_json::from_str(&input).ok();
                        if let Some(v) = &v {
                            pool.absorb(v);
                        }
                        parsed.push(v);
                    }
                    corpus.push(input);
                }
                w.done(corpus.len());
            }
            Err((key, message)) => w.crash(&key, &message),
        }
    }
}

fn file_is_hidden(p: &Path) -> bool {
    p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

// ---------------------------------------------------------------------
// One input, and minimizing.

/// `exec TARGET FILE`: runs one input in this process; prints `ok` or the
/// finding (key, then message) and exits 1 on a finding.
fn exec(args: &[String]) -> Result<ExitCode, String> {
    let [target, file, ..] = args else { return Err(USAGE.to_owned()) };
    let kind = targets::by_name(target).ok_or_else(|| format!("unknown target `{target}`"))?;
    let input = std::fs::read(file).map_err(|e| format!("{file}: {e}"))?;
    let input = String::from_utf8_lossy(&input).into_owned();
    let handle = std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || {
            install_panic_hook();
            let scratch = std::env::temp_dir().join(format!("seam-fuzz-exec-{}", std::process::id()));
            let mut state = State::new(kind, &Roots::find(), scratch.clone());
            let r = run_one(&mut state, &input, &mut Features::default());
            let _ = std::fs::remove_dir_all(scratch);
            r
        })
        .map_err(|e| e.to_string())?;
    match handle.join() {
        Ok(Ok(())) => {
            println!("ok");
            Ok(ExitCode::SUCCESS)
        }
        Ok(Err((key, message))) => {
            println!("{key}\n{message}");
            Ok(ExitCode::FAILURE)
        }
        Err(_) => Err("the runner panicked".to_owned()),
    }
}

/// Runs `input` in a child `exec`: the finding's key, if any.
fn key_of(kind: Kind, input: &str, tmp: &Path, timeout: Duration) -> Option<String> {
    std::fs::write(tmp, input).ok()?;
    let exe = std::env::current_exe().ok()?;
    let mut child = Command::new(exe)
        .args(["exec", kind.name()])
        .arg(tmp)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().ok()? {
            let mut out = String::new();
            let mut err = String::new();
            let _ = child.stdout.take()?.read_to_string(&mut out);
            let _ = child.stderr.take()?.read_to_string(&mut err);
            if status.code() == Some(1) {
                return out.lines().next().map(str::to_owned);
            }
            if status.success() {
                return None;
            }
            return Some(death(&status, &err).0);
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            return Some("hang".to_owned());
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// `minimize TARGET FILE [--out FILE]`: removes chunks of lines, then of
/// characters, as long as the input fails the same way.
fn minimize(args: &[String]) -> Result<ExitCode, String> {
    let [target, file, rest @ ..] = args else { return Err(USAGE.to_owned()) };
    let kind = targets::by_name(target).ok_or_else(|| format!("unknown target `{target}`"))?;
    let out = match rest {
        [flag, path] if flag == "--out" => PathBuf::from(path),
        _ => PathBuf::from(format!("{file}.min")),
    };
    let input = std::fs::read(file).map_err(|e| format!("{file}: {e}"))?;
    let input = String::from_utf8_lossy(&input).into_owned();
    let tmp = std::env::temp_dir().join(format!("seam-fuzz-min-{}", std::process::id()));
    let timeout = Duration::from_secs(5);
    let Some(key) = key_of(kind, &input, &tmp, timeout) else {
        return Err("the input does not fail".to_owned());
    };
    eprintln!("minimizing: {key} ({} bytes)", input.len());
    let mut best = input;
    let mut tries = 0usize;
    let started = Instant::now();
    // Lines first, then characters; halving chunks down to one.
    for by_lines in [true, false] {
        let units = |s: &str| -> Vec<String> {
            if by_lines {
                s.split_inclusive('\n').map(str::to_owned).collect()
            } else {
                s.chars().map(String::from).collect()
            }
        };
        let mut parts = units(&best);
        let mut chunk = parts.len().div_ceil(2).max(1);
        loop {
            let mut i = 0;
            while i < parts.len() {
                if tries > 3000 || started.elapsed() > Duration::from_secs(300) {
                    break;
                }
                let candidate: String =
                    parts[..i].iter().chain(parts[(i + chunk).min(parts.len())..].iter()).cloned().collect();
                tries += 1;
                if key_of(kind, &candidate, &tmp, timeout).as_deref() == Some(key.as_str()) {
                    best = candidate;
                    parts = units(&best);
                } else {
                    i += chunk;
                }
            }
            if chunk == 1 {
                break;
            }
            chunk = chunk.div_ceil(2);
        }
    }
    let _ = std::fs::remove_file(&tmp);
    std::fs::write(&out, &best).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!("{} bytes after {tries} tries: {}", best.len(), out.display());
    print!("{best}");
    let _ = std::io::stdout().flush();
    Ok(ExitCode::SUCCESS)
}
