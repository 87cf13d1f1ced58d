// Run buttons: each example of the page runs in Python in the browser (Pyodide),
// after the page's earlier examples, and prints what Python prints. Nothing
// beyond this file and its style sheet loads until the reader presses a button;
// everything then comes from the book's own _static/run-in-page/ folder.
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
  let python = null;    // a promise of {pyodide, run, dotSources}
  let session = null, dagSession = null;
  const ran = [], drawn = [];
  const blocks = [...document.querySelectorAll("div.run-example")];
  const figures = [...document.querySelectorAll("figure.run-dag")];

  async function getData() {
    data ??= await (await fetch(pageData)).json();
    return data;
  }

  function fetchBytes(path) {
    return fetch(new URL(path, assets)).then((r) => {
      if (!r.ok) throw new Error(`${r.status} for ${r.url}`);
      return r.arrayBuffer();
    });
  }

  async function loadPython() {
    const { loadPyodide } = await import(new URL("pyodide/pyodide.mjs", assets).href);
    const pyodide = await loadPyodide({ indexURL: new URL("pyodide/", assets).href });
    const wheels = await (await fetch(new URL("wheels/index.json", assets))).json();
    for (const wheel of wheels) {
      pyodide.unpackArchive(await fetchBytes("wheels/" + wheel), "wheel");
    }
    pyodide.unpackArchive(await fetchBytes("example-files.zip"), "zip",
                          { extractDir: "/home/pyodide" });
    const source = await (await fetch(new URL("page_python.py", here))).text();
    const namespace = pyodide.globals.get("dict")();
    pyodide.runPython(source, { globals: namespace });
    const get = (name) => namespace.get(name);
    return { pyodide, newSession: get("new_session"), run: get("run"),
             dotSources: get("dot_sources") };
  }

  async function ready(status) {
    if (location.protocol === "file:") throw new Error(SERVE);
    await getData();
    if (blocks.length !== data.blocks.length || figures.length !== data.dags.length) {
      throw new Error("This page and its examples file do not match: rebuild the book.");
    }
    if (!python) {
      status("Loading Python (once per page; it takes a few seconds)…");
      python = loadPython();
      python.catch(() => { python = null; });
    }
    const py = await python;
    session ??= py.newSession(data.setup);
    return py;
  }

  // Let the browser paint a status line before Python holds the page.
  const paint = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

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
      close();
    }
    return { edit, reset };
  }

  // ----- example blocks -----

  function show(i, text) {
    const ui = blocks[i].runUI;
    ui.output.textContent = text;
    ui.output.hidden = false;
  }

  async function execute(py, i) {
    const block = data.blocks[i], ui = blocks[i].runUI;
    if (block.needs) {
      show(i, `This example runs in a local Python only: it needs ${block.needs}, ` +
              "which the book's in-page Python does not have.");
      ui.output.classList.add("run-note");
    } else {
      const code = ui.area ? ui.area.value : block.code;
      show(i, py.run(code, session));
      ui.output.classList.remove("run-note");
    }
    ran[i] = true;
    ui.reset.hidden = false;
  }

  async function runBlock(i) {
    const ui = blocks[i].runUI;
    const status = (text) => { ui.status.textContent = text; };
    ui.run.disabled = true;
    try {
      const py = await ready(status);
      status("Running…");
      await paint();
      for (let j = 0; j < i; j++) if (!ran[j]) await execute(py, j);
      await execute(py, i);
      status("");
      ui.output.dataset.done = String(Number(ui.output.dataset.done || 0) + 1);
    } catch (error) {
      status(error.message);
      ui.status.classList.add("run-error");
    } finally {
      ui.run.disabled = false;
    }
  }

  function restart() {
    if (!python) return;
    python.then((py) => {
      session = py.newSession(data.setup);
      dagSession = null;
      ran.length = drawn.length = 0;
      for (const b of blocks) {
        b.runUI.output.hidden = true;
        b.runUI.status.textContent = "Python restarted: the page's earlier examples will run again.";
      }
    });
  }

  blocks.forEach((block, i) => {
    const ui = controls(block.parentElement, block, "Run this example");
    const { edit, reset } = editing(ui, {
      code: () => data.blocks[i].code,
      run: () => runBlock(i),
      open: (area) => { block.before(area); block.hidden = true; },
      close: () => { block.hidden = false; ui.output.textContent = ""; ui.run.focus(); },
    });
    ui.run = button("Run", "run-button", () => runBlock(i));
    ui.edit = button("Edit", "run-edit", edit);
    ui.reset = button("Reset", "run-reset", reset);
    ui.reset.hidden = true;
    ui.restart = button("Restart Python", "run-restart", restart);
    ui.restart.title = "Forget everything the page's examples have run";
    ui.bar.append(ui.run, ui.edit, ui.reset, ui.restart, ui.status);
    block.runUI = ui;
  });

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

  async function drawFigure(k) {
    const ui = figures[k].runUI;
    const status = (text) => { ui.status.textContent = text; };
    ui.run.disabled = true;
    try {
      const py = await ready(status);
      const drawer = await loadViz();
      status("Drawing…");
      await paint();
      dagSession ??= py.newSession("import random\nfrom micrograd import *");
      for (let j = 0; j <= k; j++) {
        if (drawn[j] && j < k) continue;
        const code = j === k && ui.area ? ui.area.value : data.dags[j].source;
        const printed = py.run(code, dagSession);
        drawn[j] = true;
        if (j === k) {
          ui.output.textContent = printed;
          ui.output.hidden = !printed;
        }
      }
      const dag = data.dags[k];
      const item = dagSession.get(dag.name);
      if (item === undefined) throw new Error(`The code does not define ${dag.name}.`);
      const sources = py.dotSources(item, dag.rankdir).toJs();
      const strip = figures[k].querySelector(".dag-strip") || figures[k];
      strip.replaceChildren(...sources.map((dot) => {
        const svg = drawer.renderSVGElement(dot);
        svg.classList.add("dag-picture", "run-drawn");
        svg.setAttribute("role", "img");
        svg.setAttribute("aria-label", "Graph drawn from the edited code");
        return svg;
      }));
      status("Redrawn from the code above.");
      ui.reset.hidden = false;
    } catch (error) {
      status(error.message.split("\n").filter(Boolean).pop());
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
      open: (area) => { ui.bar.after(area); ui.run.hidden = false; },
      close: () => {
        (figure.querySelector(".dag-strip") || figure).innerHTML = ui.original;
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
})();
