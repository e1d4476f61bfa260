#include "registry/snippet.h"

#include <algorithm>
#include <cstddef>

namespace congvan::registry {
namespace {

// Window starts tried per field. A hostile field (a megabyte of one word repeated) would
// otherwise cost occurrences × window; the best window of a real letter is found long before.
constexpr std::size_t kMaxWindowStarts = 1000;

// One occurrence of a term: tokens first..last of the field.
struct Occurrence {
  std::size_t first = 0, last = 0;
  std::size_t term = 0;
};

bool TokenMatches(const std::string& token, const std::string& want, bool prefix) {
  if (!prefix) return token == want;
  return token.size() >= want.size() && token.compare(0, want.size(), want) == 0;
}

bool TermAt(const std::vector<text::FoldedToken>& tokens, std::size_t at, const SnippetTerm& term) {
  const std::size_t n = term.folded.size();
  if (n == 0 || at + n > tokens.size()) return false;
  for (std::size_t m = 0; m < n; ++m) {
    if (!TokenMatches(tokens[at + m].folded, term.folded[m], term.prefix && m + 1 == n)) {
      return false;
    }
  }
  return true;
}

// Every occurrence of every term, in token order.
std::vector<Occurrence> FindOccurrences(const std::vector<text::FoldedToken>& tokens,
                                        std::span<const SnippetTerm> terms) {
  std::vector<Occurrence> found;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    for (std::size_t t = 0; t < terms.size(); ++t) {
      if (TermAt(tokens, i, terms[t])) found.push_back({i, i + terms[t].folded.size() - 1, t});
    }
  }
  return found;
}

// FTS5's measure: 1000 per different term in the window, 1 per further occurrence.
int WindowScore(std::span<const Occurrence> occurrences, std::size_t start, std::size_t size,
                std::size_t term_count) {
  std::vector<bool> seen(term_count, false);
  int score = 0;
  for (const Occurrence& o : occurrences) {
    if (o.first < start) continue;
    if (o.first >= start + size) break;
    if (o.last >= start + size) continue;
    score += seen[o.term] ? 1 : 1000;
    seen[o.term] = true;
  }
  return score;
}

// The best window of one field.
struct Window {
  int score = 0;
  std::size_t start = 0;
};

Window BestWindow(std::span<const Occurrence> occurrences, std::size_t token_count,
                  std::size_t size, std::size_t term_count) {
  Window best;
  const std::size_t starts = std::min(occurrences.size(), kMaxWindowStarts);
  for (std::size_t i = 0; i < starts; ++i) {
    // Windows starting at an occurrence; the first occurrence of a start is enough.
    if (i > 0 && occurrences[i].first == occurrences[i - 1].first) continue;
    const int score = WindowScore(occurrences.subspan(i), occurrences[i].first, size, term_count);
    if (score > best.score) best = {score, occurrences[i].first};
  }
  if (best.score == 0) return best;
  // Centre the occurrences: as much context before the first as after the last.
  std::size_t last = best.start;
  for (const Occurrence& o : occurrences) {
    if (o.first >= best.start && o.last < best.start + size) last = std::max(last, o.last);
  }
  const std::size_t spare = size - (last - best.start + 1);
  best.start -= std::min(best.start, spare / 2);
  if (best.start + size > token_count) best.start = token_count > size ? token_count - size : 0;
  return best;
}

// The field's text from token `start` for `size` tokens, occurrences between « and ».
std::string Render(std::string_view text, const std::vector<text::FoldedToken>& tokens,
                   std::span<const Occurrence> occurrences, std::size_t start, std::size_t size) {
  const std::size_t end = std::min(tokens.size(), start + size);  // one past the last token
  // Token ranges to mark, overlapping occurrences merged (a phrase inside a longer one).
  std::vector<std::pair<std::size_t, std::size_t>> marks;
  for (const Occurrence& o : occurrences) {
    if (o.first < start || o.last >= end) continue;
    if (!marks.empty() && o.first <= marks.back().second) {
      marks.back().second = std::max(marks.back().second, o.last);
    } else {
      marks.emplace_back(o.first, o.last);
    }
  }
  std::string out;
  std::size_t from = 0;  // byte offset written up to
  if (start > 0) {
    out += "…";
    from = static_cast<std::size_t>(tokens[start].begin);
  }
  for (const auto& [first, last] : marks) {
    const auto open = static_cast<std::size_t>(tokens[first].begin);
    const auto close = static_cast<std::size_t>(tokens[last].end);
    out.append(text.substr(from, open - from));
    out += "«";
    out.append(text.substr(open, close - open));
    out += "»";
    from = close;
  }
  if (end < tokens.size()) {
    out.append(text.substr(from, static_cast<std::size_t>(tokens[end - 1].end) - from));
    out += "…";
  } else {
    out.append(text.substr(from));
  }
  return out;
}

}  // namespace

std::string MakeSnippet(const text::Folder& folder, std::span<const std::string_view> columns,
                        std::span<const SnippetTerm> terms, int max_tokens) {
  std::size_t size = static_cast<std::size_t>(std::max(1, max_tokens));
  for (const SnippetTerm& term : terms) size = std::max(size, term.folded.size());  // a long phrase
  int best_score = 0;
  std::string best;
  for (std::string_view text : columns) {
    const std::vector<text::FoldedToken> tokens = folder.Tokenize(text);
    const std::vector<Occurrence> occurrences = FindOccurrences(tokens, terms);
    if (occurrences.empty()) continue;
    const Window window = BestWindow(occurrences, tokens.size(), size, terms.size());
    if (window.score <= best_score) continue;
    best_score = window.score;
    best = Render(text, tokens, occurrences, window.start, size);
  }
  return best;
}

}  // namespace congvan::registry
