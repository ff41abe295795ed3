// main.js - entry of the deploy-watch action: runs `ship deploy-watch` through the shared launcher.
'use strict';

require('../launcher/launcher.js').main('deploy-watch');
