package faultline.labs.paxos;

import faultline.framework.Timer;

// TODO: any types of your own that this lab needs
