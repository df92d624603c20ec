package app

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"
)

// progressThrottle is the least time between two draws of the progress
// line: a batch of small documents finishes hundreds a second, and
// drawing each would cost more than it shows.
const progressThrottle = 100 * time.Millisecond

// progressLine is batch's progress on a terminal's standard error, one
// line redrawn in place (carriage return, no newline until the end):
//
//	rendering  45% |█████████          | (45/100, 12 docs/s) [3s:4s]
//
// what it is doing, the share done, a bar as wide as the terminal, the
// documents done of all, the rate, and the time taken and left.
type progressLine struct {
	w     io.Writer
	desc  string
	total int
	done  int
	// width is the terminal's width in columns.
	width int
	// now is the clock (time.Now; a fixed one in tests).
	now         func() time.Time
	start, last time.Time
}

// newProgressLine returns the progress line of a batch of total
// documents on stderr when it is a terminal, else nil: a file or pipe
// gets no progress, only the summary.
func newProgressLine(stderr io.Writer, desc string, total int) *progressLine {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	width, _, err := term.GetSize(int(f.Fd()))
	if err != nil || width <= 0 {
		width = 80
	}
	return startProgressLine(f, desc, total, width, time.Now)
}

// startProgressLine returns a progress line on w, started now, and draws
// it.
func startProgressLine(w io.Writer, desc string, total, width int, now func() time.Time) *progressLine {
	p := &progressLine{w: w, desc: desc, total: total, width: width, now: now, start: now()}
	p.draw(p.start)
	return p
}

// add counts a finished document, and redraws the line unless it was
// drawn less than progressThrottle ago (the last document always draws).
func (p *progressLine) add() {
	p.done++
	if t := p.now(); t.Sub(p.last) >= progressThrottle || p.done >= p.total {
		p.draw(t)
	}
}

// finish draws the line a last time and ends it.
func (p *progressLine) finish() {
	p.draw(p.now())
	fmt.Fprintln(p.w)
}

// draw writes the line as it is at t.
func (p *progressLine) draw(t time.Time) {
	p.last = t
	fmt.Fprint(p.w, "\r"+p.line(t))
}

// line is the progress line at t, without its carriage return, as wide
// as the terminal less one column (so that the cursor never wraps).
func (p *progressLine) line(t time.Time) string {
	elapsed := t.Sub(p.start)
	pct := 100
	if p.total > 0 {
		pct = min(100, p.done*100/p.total)
	}
	rate := 0.0
	if s := elapsed.Seconds(); s > 0 {
		rate = float64(p.done) / s
	}
	var speed string
	switch {
	case rate > 1:
		speed = fmt.Sprintf("%.0f docs/s", rate)
	case rate*60 > 1:
		speed = fmt.Sprintf("%.0f docs/min", rate*60)
	default:
		speed = fmt.Sprintf("%.0f docs/hr", rate*3600)
	}
	left := time.Duration(0)
	if rate > 0 && p.done < p.total {
		left = time.Duration(float64(p.total-p.done) / rate * float64(time.Second))
	}
	head := fmt.Sprintf("%s %3d%% |", p.desc, pct)
	tail := fmt.Sprintf("| (%d/%d, %s) [%s:%s]", p.done, p.total, speed, elapsed.Truncate(time.Second), left.Round(time.Second))
	bar := max(10, p.width-1-len([]rune(head))-len([]rune(tail)))
	filled := bar * pct / 100
	return head + strings.Repeat("█", filled) + strings.Repeat(" ", bar-filled) + tail
}
