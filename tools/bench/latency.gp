# SPDX-License-Identifier: GPL-2.0
#
# The latency distributions of hdaemu-bench (tools/bench/report makes the
# data): left, the share of samples per log-spaced bucket; right, the
# share of samples later than x (the tail), both against the lateness from
# the due time on a log scale.
#
# gnuplot -e "datafile='latency.dat'; outfile='latency.png'" latency.gp

if (!exists("datafile")) datafile = 'latency.dat'
if (!exists("outfile")) outfile = 'latency.png'

set terminal pngcairo size 1500,620 font "sans,10"
set output outfile
set datafile missing "NaN"

# Columns: lo hi, then share_ and above_ of each subject, in this order
# (tools/bench/report writes them so).
array T[5] = ["hdaemu timer callback (in kernel)", "hdaemu eventfd (epoll)", \
	      "hdaemu event queue (poll)", "baseline: timerfd (epoll)", \
	      "baseline: snd-dummy (poll)"]
n = 5
set style line 1 lc rgb "#777777" lw 2 dt 2
set style line 2 lc rgb "#1f5fbf" lw 2
set style line 3 lc rgb "#2a9d3a" lw 2
set style line 4 lc rgb "#c0392b" lw 2
set style line 5 lc rgb "#e08a00" lw 2

# Bucket centre in microseconds (geometric mean of its edges).
x(lo, hi) = sqrt(lo * hi) / 1000.0

set multiplot layout 1,2 title "hdaemu-bench: lateness from the due time (log scale)"

set title "Distribution: share of samples per bucket (20 per decade)"
set logscale x
set format x "10^{%T}"
set xlabel "lateness (us)"
set ylabel "share of samples"
set grid xtics ytics mxtics
set key top right
plot for [i=1:n] datafile using (x($1, $2)):(column(2 + i)) with histeps ls i title T[i]

set title "Tail: share of samples later than x"
set logscale y
set format y "10^{%T}"
set yrange [1e-5:1.5]
set ylabel "share later than x"
plot for [i=1:n] datafile using ($2 / 1000.0):(column(2 + n + i)) with steps ls i \
	title T[i]

unset multiplot
