// main.js - entry of the scan action: runs `ship scan` through the shared launcher.
'use strict';

require('../launcher/launcher.js').main('scan');
