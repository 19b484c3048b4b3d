package faultline.labs.paxos;

import faultline.framework.Message;
import java.io.Serializable;

// TODO: any types of your own that this lab needs
