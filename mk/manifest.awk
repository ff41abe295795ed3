# manifest.awk - turns vendor/build.sh's components.tsv into C for the binary.
BEGIN {
	FS = "\t"
	print "/* manifest.c - generated from components.tsv; do not edit. */"
	print "#include \"core/manifest.h\""
	print "const struct component ship_components[] = {"
}
function q(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return "\"" s "\"" }
NF >= 4 { printf "\t{ %s, %s, %s, %s, %s },\n", q($1), q($2), q($3), q($4), (NF < 5 || $5 == "-") ? "0" : q($5) }
END {
	print "\t{ 0, 0, 0, 0, 0 }"
	print "};"
}
