// Sphinx's search shows, under each result, the text around the first match
// in the page's [role=main] element. Take it from the article alone, without
// the pilcrows of its headings, its scripts and styles, or the TeX source
// that KaTeX keeps beside each typeset formula (the formula's text remains).
// A displayed equation, whose stacked fractions read as a jumble of symbols
// once flattened to one line, becomes an ellipsis.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Search === "undefined") return;  // a const of searchtools.js, not on window
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll(".headerlink, script, style, .katex-mathml").forEach((el) => el.remove());
    page.querySelectorAll("div.math").forEach((el) => el.replaceWith(" … "));
    const article = page.querySelector('article[role="main"]');
    if (!article) return "";
    const part = anchor ? article.querySelector("#" + CSS.escape(anchor.slice(1))) : null;
    return (part || article).textContent;
  };
});
