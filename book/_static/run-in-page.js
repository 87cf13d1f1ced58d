// Run buttons: each example of the page runs in Python in the browser (Pyodide),
// after the page's earlier examples, and prints what Python prints as it prints
// it. Python runs in a web worker (run-in-page-worker.js), so the page stays
// responsive while an example runs. Nothing beyond this file and its style
// sheet loads until the reader presses a button; everything then comes from
// the book's own _static folder. An example that needs a module the page's
// Python lacks (NumPy, PyTorch) has no button, only the build's note.
//
// Other scripts run code through the same Python with `window.bookPython`:
//   run(code)  -> Promise<{output, error}>: runs `code` after the page's
//                 examples; `error` is the last line of its error, or null
//   stop()     ends the running example (and the page's Python: the next run
//              starts it again and reruns the page's earlier examples)
//   reset()    forgets what the examples did: the next run starts from the book's code
//   showRun(code, output, status) -> Promise<{output, error}>: as run(), showing
//              what is printed in the `output` element and how it went in `status`
//   runExample(block) -> Promise<output>: runs an example block as its Run
//              button does; rejects with what it raised
(() => {
  "use strict";
  const meta = document.querySelector('meta[name="run-in-page"]');
  if (!meta) return;
  const here = new URL(document.currentScript.src);
  const assets = new URL("run-in-page/", here);
  const pageData = new URL(meta.content, location.href);
  const SERVE = "Browsers run Python only from a served page: run `make serve`, or " +
                "`python -m http.server -d _build/html`, and open the page from there.";

  let data = null;      // the page's examples, fetched on first use
  let python = null;    // a promise that the worker's Python has loaded
  let session = null, dagSession = null;  // promises that the namespaces are made
  const ran = [], drawn = [];
  const blocks = [...document.querySelectorAll("div.run-example")];
  const figures = [...document.querySelectorAll("figure.run-dag")];

  async function getData() {
    data ??= await (await fetch(pageData)).json();
    return data;
  }

  // ----- the worker that runs Python (run-in-page-worker.js) -----

  let worker = null;
  const waiting = new Map();  // id of a call -> {resolve, reject, echo}
  let lastId = 0;

  // Call `name(...args)` in the worker; `echo(text)` gets text as Python prints it.
  function call(name, args = [], echo = () => {}) {
    const id = ++lastId;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject, echo });
      worker.postMessage({ id, call: name, args });
    });
  }

  function answer({ data: { id, printed, result, error } }) {
    const caller = waiting.get(id);
    if (printed !== undefined) return caller.echo(printed);
    waiting.delete(id);
    if (error === undefined) caller.resolve(result);
    else caller.reject(new Error(error));
  }

  // Stop the worker (it failed, or the reader stopped it): the next Run starts
  // Python afresh and first reruns the page's earlier examples.
  let stopped = false;
  function stopWorker(error) {
    if (!worker) return;
    worker.terminate();
    worker = python = session = dagSession = null;
    ran.length = drawn.length = 0;
    stopped = true;
    for (const caller of waiting.values()) caller.reject(error);
    waiting.clear();
  }

  function startPython() {
    worker = new Worker(new URL("run-in-page-worker.js", here), { type: "module" });
    worker.onmessage = answer;
    worker.onerror = () => stopWorker(new Error("The page's Python failed; Run starts it again."));
    return call("load").catch((error) => { stopWorker(error); throw error; });
  }

  async function ready(status) {
    if (location.protocol === "file:") throw new Error(SERVE);
    await getData();
    if (blocks.length !== data.blocks.length || figures.length !== data.dags.length) {
      throw new Error("This page and its examples file do not match: rebuild the book.");
    }
    if (!python) python = startPython();
    const started = Date.now();
    const loading = () => status("Loading Python (once per page; the first time it can take up to half a minute)… " +
                                 `${Math.round((Date.now() - started) / 1000)} s`);
    loading();
    const ticks = setInterval(loading, 1000);
    try {
      await python;
    } finally {
      clearInterval(ticks);
    }
    session ??= call("newSession", ["page", data.setup]);
    await session;
  }

  // One run at a time, in the order the reader asks: a block runs after the
  // page's earlier examples, so a second Run waits for the first.
  let queue = Promise.resolve();
  function inTurn(task) {
    const turn = queue.then(task);
    queue = turn.catch(() => {});
    return turn;
  }

  function button(label, className, onClick) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "run-control " + className;
    b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  }

  function controls(parent, after, label) {
    const bar = document.createElement("div");
    bar.className = "run-controls";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", label);
    const status = document.createElement("span");
    status.className = "run-status";
    status.setAttribute("role", "status");
    const output = document.createElement("pre");
    output.className = "run-output";
    output.hidden = true;
    output.tabIndex = 0;
    output.setAttribute("aria-label", "Output");
    after.after(bar, output);
    return { bar, status, output };
  }

  function editor(code, onRun) {
    const area = document.createElement("textarea");
    area.className = "run-editor";
    area.spellcheck = false;
    area.value = code;
    area.rows = Math.min(20, code.split("\n").length + 1);
    area.setAttribute("aria-label", "Code of this example; Ctrl+Enter runs it");
    area.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey || e.shiftKey)) {
        e.preventDefault();
        onRun();
      }
    });
    return area;
  }

  // Edit and Reset of one example block or graph figure. Edit puts the code
  // (`code()`, once the page's data has come) in a text area, where Ctrl+Enter
  // calls `run`, and `open(area)` places it; Reset takes the area away, hides
  // the output, and `close()` restores the rest and moves the focus.
  function editing(ui, { code, run, open, close }) {
    async function edit() {
      if (ui.area) return ui.area.focus();
      try {
        await getData();
      } catch (error) {
        ui.status.textContent = location.protocol === "file:" ? SERVE : error.message;
        return;
      }
      ui.area = editor(code(), run);
      open(ui.area);
      ui.edit.hidden = true;
      ui.reset.hidden = false;
      ui.area.focus();
    }
    function reset() {
      if (ui.area) { ui.area.remove(); ui.area = null; }
      ui.edit.hidden = false;
      ui.reset.hidden = true;
      ui.output.hidden = true;
      ui.status.textContent = "";
      ui.status.classList.remove("run-error");
      close();
    }
    return { edit, reset };
  }

  // Python's error, as page_python.py prints it: its last line, and the line
  // of the reader's code where it was raised, if named; or null.
  function errorIn(printed) {
    const lines = printed.trimEnd().split("\n");
    const traceback = lines.findIndex((line) => line.startsWith("Traceback (most recent call last)")
                                                || /^ {2}File "<example>"/.test(line));
    if (traceback < 0) return null;
    const rest = lines.slice(traceback);
    const error = rest.find((line) => /^\w*(Error|Exception|Interrupt)\b/.test(line))
                  || lines.at(-1);
    const where = rest.filter((line) => /^ {2}line \d+:/.test(line)).pop()
                  || rest.find((line) => /^ {2}File "<example>", line \d+/.test(line));
    return where ? `${error} (${where.trim().split(":")[0].replace(/^File "<example>", /, "")})`
                 : error;
  }

  // ----- example blocks -----

  // Run `code` in the page's namespace, showing what it prints in `output`
  // as it is printed (marked busy meanwhile), and as an error if it fails.
  // `nameLines`: the code is the reader's, and an error names the lines it passed.
  async function runInto(output, code, nameLines = false) {
    let printed = "";
    const shown = (text) => { output.textContent = text; output.hidden = !text; };
    output.setAttribute("aria-busy", "true");
    try {
      printed = await call("run", ["page", code, nameLines], (text) => shown(printed += text));
    } finally {
      output.removeAttribute("aria-busy");
    }
    shown(printed);
    const error = errorIn(printed);
    output.classList.toggle("run-failed", error !== null);
    return { output: printed, error };
  }

  async function execute(i) {
    const block = data.blocks[i], ui = blocks[i].runUI;
    if (block.needs) {  // the build's note stands in for it (a later block may fail)
      ran[i] = true;
      return null;
    }
    const code = ui.area ? ui.area.value : block.code;
    const result = await runInto(ui.output, code, code !== block.code);
    ran[i] = true;
    ui.reset.hidden = false;
    return result;
  }

  // Run block i after the page's earlier examples, saying how it went in `status`.
  async function runAfterEarlier(i, status) {
    await ready(status);
    const rerun = stopped && i > 0 && !ran[0];
    stopped = false;
    status("Waiting for the example that is running…");
    return inTurn(async () => {
      status(rerun ? "Python started again: rerunning the page's earlier examples…" : "Running…");
      for (let j = 0; j < i; j++) if (!ran[j]) await execute(j);
      status("Running…");
      return execute(i);
    });
  }

  // While an example runs, Run gives way to Stop (which takes the focus if
  // Run had it) and back again when it ends.
  function running(ui, on) {
    const focused = document.activeElement === (on ? ui.run : ui.stop);
    ui.run.hidden = on;
    ui.stop.hidden = !on;
    if (focused) (on ? ui.stop : ui.run).focus();
  }

  async function runBlock(i) {
    const ui = blocks[i].runUI;
    const status = (text) => { ui.status.textContent = text; };
    ui.status.classList.remove("run-error");
    running(ui, true);
    try {
      const { output, error } = await runAfterEarlier(i, status);
      // An error the example raises is shown in its output, edged in red.
      status(error ? `Done, with an error: ${error}` : output ? "" : "Done — no output.");
      ui.output.dataset.done = String(Number(ui.output.dataset.done || 0) + 1);
    } catch (error) {
      status(error.message);
      ui.status.classList.add("run-error");
    } finally {
      running(ui, false);
    }
  }

  const STOPPED = "Stopped. The next Run starts Python again and first reruns the page's " +
                  "earlier examples.";
  function stop() {
    stopWorker(new Error(STOPPED));
  }

  // Forget what the examples did, so that the next Run starts from the book's code.
  function forget() {
    if (!python) return;
    session = null;
    dagSession = null;
    ran.length = drawn.length = 0;
  }

  function restart() {
    stopWorker(new Error(STOPPED));
    for (const b of blocks) {
      if (!b.runUI) continue;
      b.runUI.output.hidden = true;
      b.runUI.status.classList.remove("run-error");
      b.runUI.status.textContent = "";
    }
    const ui = blocks.find((b) => b.runUI)?.runUI;
    if (ui) ui.status.textContent = "Python restarted: a Run starts it again, " +
                                    "after the page's earlier examples.";
  }

  blocks.forEach((block, i) => {
    if (block.classList.contains("run-local-only")) return;
    const ui = controls(block.parentElement, block, "Run this example");
    const { edit, reset } = editing(ui, {
      code: () => data.blocks[i].code,
      run: () => runBlock(i),
      open: (area) => { block.before(area); block.hidden = true; },
      close: () => {
        block.hidden = false;
        ui.output.textContent = "";
        forget();
        ui.status.textContent = "Reset: the next Run reruns the page's examples as the book has them.";
        ui.run.focus();
      },
    });
    ui.run = button("Run", "run-button", () => runBlock(i));
    ui.stop = button("Stop", "run-stop", stop);
    ui.stop.hidden = true;
    ui.edit = button("Edit", "run-edit", edit);
    ui.reset = button("Reset", "run-reset", reset);
    ui.reset.hidden = true;
    ui.restart = button("Restart Python", "run-restart", restart);
    ui.restart.title = "Forget everything the page's examples have run";
    ui.bar.append(ui.run, ui.stop, ui.edit, ui.reset, ui.restart, ui.status);
    block.runUI = ui;
  });

  // For exercise-check.js: run an example block (a div.run-example) as its Run
  // button does, and return what it printed; throw what it raised, or what
  // stopped it.
  async function runExample(block) {
    const ui = block.runUI;
    await runBlock(blocks.indexOf(block));
    const failed = ui.status.classList.contains("run-error") ||
                   ui.status.textContent.startsWith("Done, with an error");
    if (failed) throw new Error(ui.output.textContent.trim() || ui.status.textContent);
    return ui.output.textContent;
  }

  // ----- graph pictures -----

  let viz = null;
  function loadViz() {
    viz ??= new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = new URL("viz-global.js", assets).href;
      s.onload = () => resolve(globalThis.Viz.instance());
      s.onerror = () => reject(new Error("Could not load the graph drawer."));
      document.head.append(s);
    });
    return viz;
  }

  // The DOT text of figure k's pictures, after running the code of the
  // page's figures up to k in a namespace of their own.
  async function dotSourcesOf(k) {
    const ui = figures[k].runUI;
    dagSession ??= call("newSession", ["dag", "import random\nfrom micrograd import *"]);
    await dagSession;
    for (let j = 0; j <= k; j++) {
      if (drawn[j] && j < k) continue;
      const code = j === k && ui.area ? ui.area.value : data.dags[j].source;
      const printed = await call("run", ["dag", code, j === k && Boolean(ui.area)]);
      drawn[j] = true;
      if (j === k) {
        ui.output.textContent = printed;
        ui.output.hidden = !printed;
        const error = errorIn(printed);
        ui.output.classList.toggle("run-failed", error !== null);
        if (error) {
          drawn[j] = false;
          throw new Error(`The code failed (${error}): the picture is still the one before.`);
        }
      }
    }
    const dag = data.dags[k];
    return call("dotSources", ["dag", dag.name, dag.rankdir]);
  }

  // A redrawn picture gets the frame of a built one (book/_ext/dag.py): its
  // size in CSS pixels, and the narrowest width at which its text is still
  // SMALLEST_TEXT pixels, below which it scrolls in its frame (figures.js).
  const SMALLEST_TEXT = 12;
  function framed(svg) {
    const widthPt = parseFloat(svg.getAttribute("width"));  // Graphviz measures in points
    const heightPt = parseFloat(svg.getAttribute("height"));
    const width = Math.round(widthPt * 4 / 3), height = Math.round(heightPt * 4 / 3);
    const fonts = [...svg.querySelectorAll("text[font-size]")]
      .map((text) => parseFloat(text.getAttribute("font-size")));
    const narrowest = fonts.length
      ? Math.min(width, Math.ceil(widthPt * SMALLEST_TEXT / Math.min(...fonts))) : width;
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    svg.classList.add("dag-picture", "run-drawn");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "Graph drawn from the edited code");
    const frame = document.createElement("div");
    frame.className = "graphviz dag-frame";
    frame.style.setProperty("--dag-min", `${narrowest}px`);
    frame.append(svg);
    return frame;
  }

  async function drawFigure(k) {
    const ui = figures[k].runUI;
    const status = (text) => { ui.status.textContent = text; };
    ui.run.disabled = true;
    try {
      await ready(status);
      const drawer = await loadViz();
      status("Waiting for the example that is running…");
      const sources = await inTurn(() => { status("Drawing…"); return dotSourcesOf(k); });
      const strip = figures[k].querySelector(".dag-strip") || figures[k];
      strip.replaceChildren(...sources.map((dot) => framed(drawer.renderSVGElement(dot))));
      document.dispatchEvent(new Event("dag-redrawn"));
      status(`Redrawn: ${data.dags[k].name} as your code leaves it.`);
      ui.status.classList.remove("run-error");
      ui.reset.hidden = false;
    } catch (error) {
      status(error.message.split("\n").filter(Boolean).pop());
      ui.status.classList.add("run-error");
    } finally {
      ui.run.disabled = false;
    }
  }

  figures.forEach((figure, k) => {
    const ui = controls(figure, figure, "Redraw this graph");
    ui.original = (figure.querySelector(".dag-strip") || figure).innerHTML;
    const { edit, reset } = editing(ui, {
      code: () => data.dags[k].source,
      run: () => drawFigure(k),
      open: (area) => {
        ui.bar.after(area);
        ui.run.hidden = false;
        const name = data.dags[k].name;
        area.setAttribute("aria-label", `Code of this graph; Redraw draws ${name}`);
        ui.status.textContent = `Redraw draws ${name} as your code leaves it.`;
      },
      close: () => {
        (figure.querySelector(".dag-strip") || figure).innerHTML = ui.original;
        document.dispatchEvent(new Event("dag-redrawn"));
        ui.run.hidden = true;
        drawn.length = 0;
        dagSession = null;
        ui.edit.focus();
      },
    });
    ui.edit = button("Edit the graph's code", "run-edit", edit);
    ui.run = button("Redraw", "run-button", () => drawFigure(k));
    ui.run.hidden = true;
    ui.reset = button("Reset", "run-reset", reset);
    ui.reset.hidden = true;
    ui.bar.append(ui.edit, ui.run, ui.reset, ui.status);
    figure.runUI = ui;
  });

  // ----- for other scripts (see the top of this file) -----

  async function showRun(code, output, status) {
    try {
      await ready((text) => { status.textContent = text; });
      status.textContent = "Waiting for the example that is running…";
      const result = await inTurn(async () => {
        status.textContent = "Running…";
        for (let j = 0; j < blocks.length; j++) if (!ran[j]) await execute(j);
        return runInto(output, code, true);
      });
      status.textContent = result.error ? `Done, with an error: ${result.error}`
                                        : result.output ? "" : "Done — no output.";
      return result;
    } catch (error) {
      status.textContent = error.message;
      return { output: "", error: error.message };
    }
  }

  window.bookPython = {
    run: (code) => showRun(code, document.createElement("pre"), document.createElement("span")),
    showRun,
    runExample,
    stop,
    reset: forget,
  };
})();
