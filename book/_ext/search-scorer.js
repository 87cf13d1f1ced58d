// How the book's search orders its results (conf.py: html_search_scorer).
// Sphinx's weights, with two changes. A page or section whose title holds
// more of the query's words comes first: Sphinx scores a page by its best
// word alone, so every chapter with "gradient" in one of its headings ties
// with the chapter on gradient checking. And a chapter comes before the API
// page and the index, so that "gradient check" leads to the chapter that
// teaches it rather than to the name of a function.
var Scorer = {
  score: (result) => {
    const [docname, title, , , score] = result;
    const query = new URLSearchParams(window.location.search).get("q") || "";
    const words = query.toLowerCase().split(/\W+/).filter((word) => word.length > 2);
    const inTitle = words.filter((word) => title.toLowerCase().includes(word)).length;
    return score + Scorer.titleWord * inTitle + (/^\d\d-/.test(docname) ? Scorer.chapter : 0);
  },
  // For each of the query's words in the result's title.
  titleWord: 10,
  // More than an object's best score (objNameMatch + objPrio[0]).
  chapter: 30,

  // Sphinx's own weights (sphinx/themes/basic/static/searchtools.js).
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
