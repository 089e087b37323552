# Screen test: the query language in the reader: / across every article, F narrowing a list, mistakes.
. tests/cli/lib.sh
. tests/ui/lib.sh

D="$T_TMP/f"
ui_fixture "$D" || { fail "fixture"; finish; }
ui_start "$D/config" "$D/db"
ui_check "the reader starts" "byline: Feeds"

# / takes a query: words, a field, a state, across every feed.
ui_keys /
ui_type "alpha -title:one unread"
ui_keys Enter
ui_check "/ searches with the query language" "byline: Search: alpha -title:one unread"
ui_check "three unread alpha articles but the first" "1/3"
ui_check_gone "the article whose title holds one is left out" "Alpha one"
ui_keys q /
ui_type "tag:en starred"
ui_keys Enter
ui_check "a tag of the config and a state" "Beta third"
ui_check "and only it" "1/1"
ui_keys q

# A mistake: the reason and its place on the status line, nothing changes.
ui_keys /
ui_type "titel:alpha"
ui_keys Enter
ui_check "a mistake names the column and the reason" \
	'search: column 1: unknown field "titel:" — did you mean title:?'
ui_check "and no list opens" "byline: Feeds"

# F narrows the list at hand, until cleared.
ui_keys j j Enter
ui_check "Alpha News open" "byline: Alpha News"
ui_check "with its five articles" "1/5"
ui_keys F
ui_check "F asks for a query" "Filter:"
ui_type "title:two OR title:three"
ui_keys Enter
ui_check "the filter is on the status line" "filter: title:two OR title:three"
ui_check "two articles left" "1/2"
ui_check_gone "the others are gone" "Alpha four"
ui_keys F
ui_type "(two"
ui_keys Enter
ui_check "a mistake in F shows its place and reason" 'filter: column 1: this "(" is not closed'
ui_keys g
ui_check "and the filter stays as it was" "filter: title:two OR title:three  1/2"
ui_keys A
ui_check "A marks only the filtered articles read" "2 articles marked read"
ui_keys u
ui_check "u undoes it" "undone: 2 articles unread"
ui_keys F Enter
ui_check "F with an empty query clears the filter" "filter cleared"
ui_keys g
ui_check "the five are back" "1/5"
ui_check_gone "no filter on the status line" "filter: title:two"
finish
