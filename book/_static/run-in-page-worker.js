// The Python of the Run buttons (run-in-page.js), in a web worker of its own:
// while an example runs, the page goes on scrolling and answering clicks.
// The page sends {id, call, args}; the worker answers {id, result} or
// {id, error}, and, while an example runs, {id, printed} for each piece of
// text as Python prints it. Everything comes from the book's own _static folder.
import { loadPyodide } from "./run-in-page/pyodide/pyodide.mjs";

const assets = new URL("run-in-page/", import.meta.url);
const sessions = {};  // the namespaces that examples run in, by name
let python = null;    // a promise of {newSession, run, dotSources}

async function fetchBytes(path) {
  const response = await fetch(new URL(path, assets));
  if (!response.ok) throw new Error(`${response.status} for ${response.url}`);
  return response.arrayBuffer();
}

async function loadPython() {
  const pyodide = await loadPyodide({ indexURL: new URL("pyodide/", assets).href });
  const wheels = JSON.parse(new TextDecoder().decode(await fetchBytes("wheels/index.json")));
  for (const wheel of wheels) {
    pyodide.unpackArchive(await fetchBytes("wheels/" + wheel), "wheel");
  }
  pyodide.unpackArchive(await fetchBytes("example-files.zip"), "zip",
                        { extractDir: "/home/pyodide" });
  const source = await (await fetch(new URL("page_python.py", import.meta.url))).text();
  const namespace = pyodide.globals.get("dict")();
  pyodide.runPython(source, { globals: namespace });
  const get = (name) => namespace.get(name);
  return { newSession: get("new_session"), run: get("run"), dotSources: get("dot_sources") };
}

// What the page may ask for; `echo(text)` sends printed text on as it comes.
const calls = {
  load() {},
  newSession(py, echo, name, setup) { sessions[name] = py.newSession(setup); },
  run(py, echo, name, code, nameLines = false) {
    return py.run(code, sessions[name], echo, nameLines);
  },
  dotSources(py, echo, name, item, rankdir) {
    const value = sessions[name].get(item);
    if (value === undefined) throw new Error(`The code does not define ${item}.`);
    return py.dotSources(value, rankdir).toJs();
  },
};

self.onmessage = async ({ data: { id, call, args } }) => {
  try {
    python ??= loadPython();
    const py = await python;
    const echo = (text) => self.postMessage({ id, printed: text });
    self.postMessage({ id, result: calls[call](py, echo, ...args) });
  } catch (error) {
    self.postMessage({ id, error: error.message });
  }
};
