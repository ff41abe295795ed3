var fs = require('fs');
var path = require('path');

var out = path.join(__dirname, 'dist');
if (!fs.existsSync(out)) fs.mkdirSync(out);

fs.readdir('src', function (err, files) {
  if (err) throw err;
  files.forEach(function (f) {
    eval('console.log("copy ' + f + '")');
  });
});
