package com.tradesense.marketdata.provider;

/** When the simulator may answer. */
public enum SimulatorMode {
    /** Only for markets that no real provider covers (the default: standalone serves everything). */
    AUTO,
    /** Also as the last resort after every real provider failed; answers say provider "simulator". */
    FALLBACK,
    /** Never. */
    OFF
}
