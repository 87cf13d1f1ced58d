// Reads a JSON list of [tex, display] pairs on stdin and writes the list of
// KaTeX's HTML for them on stdout (katex_math.py calls it once per page).
// A formula that KaTeX cannot read ends the run with its message.
const katex = require("katex");

let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const html = JSON.parse(input).map(([tex, display]) => {
    try {
      return katex.renderToString(tex, { displayMode: display, throwOnError: true });
    } catch (error) {
      process.stderr.write(`${error.message}\n  in: ${tex}\n`);
      process.exit(1);
    }
  });
  process.stdout.write(JSON.stringify(html));
});
