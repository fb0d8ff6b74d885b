package pii

import (
	"math/rand/v2"
	"strings"
	"syscall"
	"testing"
)

// benchPlain are ordinary Danish field-note sentences, the text that
// dominates real notes; benchSentences below carry personal data.
var benchPlain = []string{
	"Det er svært at få hverdagen til at hænge sammen, når man ikke kan overskue posten.",
	"Vi snakkede om, hvad der giver mening for borgeren, og hvad der bare er vores egne regler.",
	"Hun savner fællesskabet fra dengang, hvor alle i opgangen kendte hinanden.",
	"Planen blev lavet uden at spørge hende, og derfor føles den ikke som hendes egen.",
	"Der er for mange skemaer, og de spørger om det samme igen og igen.",
	"Borgeren sidder ved vinduet det meste af formiddagen og kigger ud på parkeringspladsen.",
	"Medarbejderne taler et sprog, som ingen udenfor forstår, og det skaber afstand.",
	"Når vi går borgeren i møde, bliver samtalen en anden, og tilliden vokser.",
	"Efter frokost bliver der stille på afdelingen, og flere beboere sover i stolene.",
	"Det er borgerens plan, ikke kommunens, siger projektlederen på mødet.",
}

// benchSentences are Danish field-note sentences; most carry personal data.
var benchSentences = []string{
	"Borgeren fortæller, at natten er det værste, fordi hun ligger vågen og tænker på sønnen.",
	"Vi mødtes i Sundhedshuset i Kolding kl. 10.30, og mødet varede cirka en time.",
	"Hun har fået 12 timers hjælp om ugen siden 2018-2019, men planen blev lavet uden at spørge hende.",
	"Der er for mange skemaer, og de spørger om det samme, siger hun og griner lidt.",
	"Maden kommer for tidligt, og den er kold, når hjemmeplejen har travlt om morgenen.",
	"Det koster 2.345 kr. om måneden, og sagsnr. 12345678 står på alle brevene fra Jobcentret.",
	"Min datter Signe kommer hver tirsdag, og naboen Jens Pedersen hjælper med indkøb.",
	"Sygeplejersken Mette siger, at det går bedre med benene efter genoptræningen.",
	"Hun bor på Kongensgade 12, 1. th., 6000 Kolding og er født 3. marts 1941.",
	"Ring på 22 34 56 78 eller skriv til karen.hansen@gmail.com, hvis det haster.",
	"Pensionen går ind på reg.nr. 1234 kontonr. 1234567, og bilen har nummerplade AB 12 345.",
	"CPR: 0101901234 står øverst på papiret, og 01.01.90-1234 står nederst.",
	"Vi aftalte at mødes igen om to uger på Marielund, hvor der er mere ro.",
	"Det vigtigste er, at nogen lytter og tager sig tid til at forstå, hvad der giver mening.",
	"Interviewer: Hvordan oplever du samarbejdet med kommunen?",
	"Karen: Jeg forstår ikke altid brevene, og jeg tør ikke ringe og spørge.",
}

// benchText builds n bytes of Danish text in paragraphs, from a fixed seed.
func benchText(n int) []string {
	r := rand.New(rand.NewPCG(10, 20))
	var paras []string
	size := 0
	for size < n {
		var b strings.Builder
		for range 3 + r.IntN(5) {
			// about one sentence in four carries personal data
			if r.IntN(4) == 0 {
				b.WriteString(benchSentences[r.IntN(len(benchSentences))])
			} else {
				b.WriteString(benchPlain[r.IntN(len(benchPlain))])
			}
			b.WriteByte(' ')
		}
		p := b.String()
		paras = append(paras, p)
		size += len(p)
	}
	return paras
}

// BenchmarkFind runs the finder over 10 MB of Danish text, paragraph by
// paragraph as ingest does, with a participant list. The bar is
// 20 MB/s; see the MB/s column.
func BenchmarkFindDanish10MB(b *testing.B) {
	paras := benchText(10 << 20)
	total := 0
	for _, p := range paras {
		total += len(p)
	}
	f := NewFinder([]string{"Karen Marie Hansen", "Poul Erik Skov", "Bo Dam"})
	b.SetBytes(int64(total))
	b.ResetTimer()
	cpu0 := cpuSeconds()
	for range b.N {
		for _, p := range paras {
			f.Find(p)
		}
	}
	// On a shared machine the wall clock (MB/s) counts the time other
	// processes hold the cores; CPU time per byte does not.
	if cpu := cpuSeconds() - cpu0; cpu > 0 {
		b.ReportMetric(float64(total)*float64(b.N)/cpu/1e6, "cpu-MB/s")
	}
}

// cpuSeconds is the user and system CPU time this process has used.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}

// BenchmarkFindOneText runs the finder once over one 10 MB text.
func BenchmarkFindOneText(b *testing.B) {
	text := strings.Join(benchText(10<<20), "\n\n")
	f := NewFinder(nil)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for range b.N {
		f.Find(text)
	}
}
