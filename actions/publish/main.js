// main.js - entry of the publish action: runs `ship publish` through the shared launcher.
'use strict';

require('../launcher/launcher.js').main('publish');
