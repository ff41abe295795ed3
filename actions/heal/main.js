// main.js - entry of the heal action: runs `ship heal` through the shared launcher.
'use strict';

require('../launcher/launcher.js').main('heal');
