package format

import (
	"strings"
	"testing"
)

func TestMemo(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Hun er *bange* for natten.", "<p>Hun er <em>bange</em> for natten.</p>"},
		{"**Vigtigt**: spørg datteren", "<p><strong>Vigtigt</strong>: spørg datteren</p>"},
		{"Første afsnit\nsamme afsnit\n\nAndet afsnit", "<p>Første afsnit<br>samme afsnit</p><p>Andet afsnit</p>"},
		{"- køleskab\n- mad\n* nat", "<ul><li>køleskab</li><li>mad</li><li>nat</li></ul>"},
		{"1. spørg\n2. lyt", "<ol><li>spørg</li><li>lyt</li></ol>"},
		{`<script>alert("x")</script> & <b>fed</b>`, "<p>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;fed&lt;/b&gt;</p>"},
		{`*<img src=x onerror=alert(1)>*`, "<p><em>&lt;img src=x onerror=alert(1)&gt;</em></p>"},
		{"2 * 3 * 4", "<p>2 * 3 * 4</p>"},
		{"borger_id og fag_land", "<p>borger_id og fag_land</p>"},
	} {
		if got := string(Memo(c.in)); got != c.want {
			t.Errorf("Memo(%q)\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

func FuzzMemo(f *testing.F) {
	f.Add("*a* **b** <i>\n\n- x")
	f.Fuzz(func(t *testing.T, s string) {
		out := string(Memo(s))
		for _, bad := range []string{"<script", "<img", "<i>", "<a "} {
			if strings.Contains(out, bad) {
				t.Fatalf("Memo(%q) = %q contains %s", s, out, bad)
			}
		}
	})
}
